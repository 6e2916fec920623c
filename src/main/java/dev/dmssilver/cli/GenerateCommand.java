package dev.dmssilver.cli;

import dev.dmssilver.demo.DemoData;
import dev.dmssilver.lakehouse.ObjectStoreSettings;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
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
  @Mixin ObjectStoreOptions objectStore;

  @Option(
      names = "--bronze",
      required = true,
      paramLabel = "URI",
      description =
          "Where to write: a local folder, s3:// or s3a://; tables go to <URI>/public/<table>/.")
  String bronze;

  @Override
  public Integer call() {
    ObjectStoreSettings store = objectStore.settings();
    Configuration conf = new Configuration();
    store.hadoopProperties().forEach(conf::set);
    ObjectStoreSettings.s3SchemeFileSystem(conf.get(ObjectStoreSettings.S3_SCHEME_FILE_SYSTEM))
        .forEach(conf::set);
    DemoData.generate(bronze, generator.options(), conf, spec.commandLine().getErr());
    return 0;
  }
}
