package org.nfslockscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The nfslockscope command line. */
@Command(name = "nfslockscope",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Reads packet captures of NFS traffic and tells you what happened to file locks.",
            "",
            "Captures may be pcap or pcapng, plain or gzip/bzip2-compressed. 'nfslockscope help COMMAND'"
                    + " describes each command's options.", ""},
        footerHeading = "%nExit codes:%n",
        footer = {"    0  nothing at or above --fail-on was found",
            "    1  findings at or above --fail-on",
            "    2  usage error, or the input is not a readable capture",
            "  130  interrupted (Ctrl-C): what was read is reported, marked as interrupted"})
public final class Main implements Runnable {
    /**
     * The commands, in the order help lists them. They are added when the command line is built
     * rather than named in the annotation: picocli reads every command's options by reflection as
     * it builds, and when the first argument names a command only that one is needed, which
     * takes a third off the start-up (docs/performance.md).
     */
    private static final java.util.List<Class<?>> COMMANDS = java.util.List.of(AnalyzeCommand.class,
            CheckCommand.class, DumpCommand.class, FindingsCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'nfslockscope --help'");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** Runs a command line whose commands are made by {@code factory} (tests swap the analyzer). */
    static int run(CommandLine.IFactory factory, String... args) {
        CommandLine cl = new CommandLine(new Main(), factory);
        Class<?> named = args.length == 0 ? null : COMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0]))
                .findFirst().orElse(null);
        for (Class<?> c : COMMANDS) {
            if (named == null || c == named) {
                cl.addSubcommand(new CommandLine(c, factory));
            }
        }
        cl.setExitCodeExceptionMapper(e -> ExitCode.USAGE_OR_INPUT);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("nfslockscope: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCode.USAGE_OR_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof java.io.IOException) {
                // An output file that cannot be written, a pipe closed early: the message says which.
                c.getErr().println("nfslockscope: " + ex.getMessage());
                return ExitCode.USAGE_OR_INPUT;
            }
            c.getErr().println("nfslockscope: internal error: " + ex);
            return ExitCode.USAGE_OR_INPUT;
        });
        return cl.execute(args);
    }
}
