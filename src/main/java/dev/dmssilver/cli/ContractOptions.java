package dev.dmssilver.cli;

import dev.dmssilver.contract.Contracts;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the entity contracts come from: the jar's bundled copy of jobs/, or a folder. */
final class ContractOptions {
  @Option(
      names = "--contracts",
      paramLabel = "DIR",
      description =
          "Folder of <table>.yaml contracts. Default: the contracts bundled in the build.")
  Path contracts;

  Contracts load() {
    return contracts == null ? Contracts.bundled() : Contracts.fromDirectory(contracts);
  }
}
