package dev.dmssilver.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "generate",
    description = "Write realistic DMS Bronze for the six demo tables (for tests and benchmarks).",
    mixinStandardHelpOptions = true)
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin GeneratorOptions generator;

  @Option(
      names = "--bronze",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write to; tables go to DIR/public/<table>/.")
  String bronze;

  @Override
  public Integer call() {
    DemoData.generate(bronze, generator.options(), spec.commandLine().getErr());
    return 0;
  }
}
