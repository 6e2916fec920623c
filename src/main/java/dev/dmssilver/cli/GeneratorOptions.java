package dev.dmssilver.cli;

import dev.dmssilver.demo.DemoOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The size and shape of generated demo Bronze. */
final class GeneratorOptions {
  @Option(
      names = "--events",
      defaultValue = "" + DemoOptions.EVENTS_DEFAULT,
      paramLabel = "N",
      description =
          "About how many DMS events (Bronze rows) to generate. Default: ${DEFAULT-VALUE}.")
  long events;

  @Mixin GeneratorShapeOptions shape;

  DemoOptions options() {
    return shape.options(events);
  }
}
