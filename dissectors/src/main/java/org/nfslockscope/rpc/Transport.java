package org.nfslockscope.rpc;

public enum Transport { TCP, UDP }
