package dev.dmssilver.cli;

import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --all} or {@code --job NAME…}: which jobs a command works on. */
final class JobSelection {
  @Option(
      names = "--all",
      required = true,
      arity = "0..1",
      description = "Every job, concurrently where the command runs them.")
  boolean all;

  @Option(
      names = "--job",
      required = true,
      paramLabel = "NAME",
      description = "This job (a Silver table name); repeat for several.")
  List<String> jobs;

  /** The selected jobs' contracts, in the order given (or the contracts' order for --all). */
  List<Contract> of(Contracts known) {
    List<Contract> selected = new ArrayList<>();
    if (all) {
      selected.addAll(known.all());
    } else {
      for (String job : jobs) {
        selected.add(known.get(job));
      }
    }
    return selected;
  }
}
