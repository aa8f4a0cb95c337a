package org.nfslockscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven wrote into the jar. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/nfslockscope-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The "tool" member of every JSON document, keys in a fixed order so outputs compare byte for byte. */
    public static Map<String, Object> toolObject() {
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", "nfslockscope");
        tool.put("version", version());
        return tool;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"nfslockscope " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
