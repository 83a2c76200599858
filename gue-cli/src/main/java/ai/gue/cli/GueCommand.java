package ai.gue.cli;

import picocli.CommandLine.Command;

/** The top-level {@code gue} command: only groups the sub-commands. */
@Command(name = "gue", mixinStandardHelpOptions = true, version = "gue 0.1.0-SNAPSHOT",
        description = {
            "Makes image datasets unlearnable with the Game-theoretic Unlearnable Example generator (GUE,"
                    + " Liu, Wang, Gao, AAAI 2024), and measures it by training victims on the poisoned data.",
            ""},
        subcommands = {DataCommand.class, TrainGeneratorCommand.class, PoisonCommand.class, EvaluateCommand.class,
            RunCommand.class, BenchCommand.class, ProbeCommand.class, AttackCommand.class,
            ExportGeneratorCommand.class, CompareCommand.class, CurveCommand.class, CheckKernelsCommand.class})
final class GueCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
