package dev.dmssilver.contract;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dmssilver.SilverException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The set of entity contracts a run knows, loaded strictly from one place: a folder of {@code
 * <table>.yaml} files (the repository's {@code jobs/}) or the copy bundled in the job jar.
 */
public final class Contracts {
  private static final YAMLMapper MAPPER = strictMapper();

  private final Map<String, Contract> byTable;

  private Contracts(Map<String, Contract> byTable) {
    this.byTable = Collections.unmodifiableMap(new TreeMap<>(byTable));
  }

  /** Loads every {@code *.yaml} file directly inside {@code directory}. */
  public static Contracts fromDirectory(Path directory) {
    requireNonNull(directory, "directory is null");
    if (!Files.isDirectory(directory)) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot load contracts: " + directory + " is not a directory");
    }
    Map<String, ContractDocument> documents = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.yaml")) {
      for (Path file : files) {
        try (InputStream input = Files.newInputStream(file)) {
          documents.put(String.valueOf(file.getFileName()), parse(file.toString(), input));
        }
      }
    } catch (IOException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot load contracts from " + directory + ": " + e.getMessage(),
          e);
    }
    return build(directory.toString(), documents);
  }

  /** Loads the contracts bundled in the jar (copied from {@code jobs/} at build time). */
  public static Contracts bundled() {
    Map<String, ContractDocument> documents = new TreeMap<>();
    for (String name : BundledContracts.fileNames()) {
      try (InputStream input = BundledContracts.open(name)) {
        documents.put(name, parse("bundled " + name, input));
      } catch (IOException e) {
        throw new SilverException(
            SilverException.Kind.CONFIGURATION, "Cannot load bundled contract " + name, e);
      }
    }
    return build("the bundled contracts", documents);
  }

  private static SilverException unknownKey(
      String source, String text, UnrecognizedPropertyException e) {
    return new SilverException(
        SilverException.Kind.CONTRACT,
        String.format(
            "Cannot load contract %s: unknown key '%s' at line %d; allowed keys here are %s",
            source,
            e.getPropertyName(),
            lineOfKey(text, e.getPropertyName(), e.getLocation().getLineNr()),
            new TreeSet<>(
                e.getKnownPropertyIds().stream()
                    .map(String::valueOf)
                    .collect(Collectors.toList()))),
        e);
  }

  /** Parses one contract file; exposed for tests that feed YAML directly. */
  static ContractDocument parse(String source, InputStream input) {
    String text;
    try {
      text = readAll(input);
    } catch (IOException e) {
      throw new SilverException(
          SilverException.Kind.CONTRACT, "Cannot read contract " + source + ": " + e, e);
    }
    try {
      ContractDocument document = MAPPER.readValue(text, ContractDocument.class);
      if (document == null) {
        throw new SilverException(
            SilverException.Kind.CONTRACT, "Cannot load contract " + source + ": it is empty");
      }
      document.checkRequired(source);
      return document;
    } catch (UnrecognizedPropertyException e) {
      throw unknownKey(source, text, e);
    } catch (MismatchedInputException e) {
      throw new SilverException(
          SilverException.Kind.CONTRACT,
          String.format(
              "Cannot load contract %s: %s (at line %d)",
              source, e.getOriginalMessage(), e.getLocation().getLineNr()),
          e);
    } catch (IOException e) {
      throw new SilverException(
          SilverException.Kind.CONTRACT,
          "Cannot load contract " + source + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * The line a key is written on. The parser reports where it stood, which for a key whose value is
   * a block is the line after the key.
   */
  private static int lineOfKey(String text, String key, int parserLine) {
    Pattern keyLine = Pattern.compile("^[\\s-]*" + Pattern.quote(key) + "\\s*:.*");
    String[] lines = text.split("\n", -1);
    for (int line = Math.min(parserLine, lines.length); line >= 1; line--) {
      if (keyLine.matcher(lines[line - 1]).matches()) {
        return line;
      }
    }
    return parserLine;
  }

  private static String readAll(InputStream input) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
      bytes.write(buffer, 0, read);
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Builds contracts from parsed documents keyed by file name, resolving enrichments. */
  static Contracts build(String origin, Map<String, ContractDocument> documentsByFile) {
    Map<String, ContractDocument> byTable = new TreeMap<>();
    for (Map.Entry<String, ContractDocument> entry : documentsByFile.entrySet()) {
      ContractDocument document = entry.getValue();
      String expectedFile = document.table + ".yaml";
      if (!entry.getKey().equals(expectedFile)) {
        throw new SilverException(
            SilverException.Kind.CONTRACT,
            String.format(
                "Cannot load contract %s: a contract for table %s must be named %s",
                entry.getKey(), document.table, expectedFile));
      }
      byTable.put(document.table, document);
    }
    if (byTable.isEmpty()) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION, "Cannot load contracts: none found in " + origin);
    }
    Map<String, Contract> contracts = new TreeMap<>();
    for (ContractDocument document : byTable.values()) {
      contracts.put(document.table, toContract(document, byTable));
    }
    return new Contracts(contracts);
  }

  private static Contract toContract(
      ContractDocument document, Map<String, ContractDocument> allDocuments) {
    List<ColumnSpec> columns = columnSpecs(document.table, document.columns);
    List<Enrichment> enrichments = new ArrayList<>();
    for (ContractDocument.EnrichmentDocument enrichment : document.enrich) {
      enrichments.add(toEnrichment(document.table, enrichment, allDocuments));
    }
    List<DerivedColumn> derived = new ArrayList<>();
    document.derived.forEach(
        (name, spec) ->
            derived.add(
                new DerivedColumn(
                    new ColumnSpec(name, ColumnType.parse(spec.type)), spec.expression)));
    List<Rule> rules = new ArrayList<>();
    document.rules.forEach((name, expression) -> rules.add(new Rule(name, expression)));
    return new Contract(
        document.table,
        document.description,
        new BronzeSource(document.bronze.schema, document.bronze.table),
        document.key,
        columns,
        enrichments,
        derived,
        rules,
        Optional.ofNullable(document.partition).map(PartitionField::parse),
        document.gate == null ? GatePolicy.defaults() : document.gate.toPolicy());
  }

  private static Enrichment toEnrichment(
      String table,
      ContractDocument.EnrichmentDocument enrichment,
      Map<String, ContractDocument> allDocuments) {
    ContractDocument source = allDocuments.get(enrichment.from);
    if (source == null) {
      throw new SilverException(
          SilverException.Kind.CONTRACT,
          String.format(
              "Cannot use contract %s: enrichment refers to contract %s, which does not exist",
              table, enrichment.from));
    }
    Set<String> joinedKey = new HashSet<>(enrichment.on.values());
    if (!joinedKey.equals(new HashSet<>(source.key))) {
      // Matching on anything but the full key could match several rows and duplicate this one.
      throw new SilverException(
          SilverException.Kind.CONTRACT,
          String.format(
              "Cannot use contract %s: enrichment must join on the whole key of %s %s, not %s",
              table, source.table, source.key, enrichment.on.values()));
    }
    Map<String, ColumnSpec> sourceColumns =
        columnSpecs(source.table, source.columns).stream()
            .collect(Collectors.toMap(ColumnSpec::name, column -> column));
    List<ColumnSpec> copied = new ArrayList<>();
    for (String name : enrichment.columns) {
      ColumnSpec column = sourceColumns.get(name);
      if (column == null) {
        throw new SilverException(
            SilverException.Kind.CONTRACT,
            String.format(
                "Cannot use contract %s: enrichment column %s is not a column of %s",
                table, name, source.table));
      }
      copied.add(column);
    }
    return new Enrichment(enrichment.from, enrichment.rule, enrichment.on, copied);
  }

  private static List<ColumnSpec> columnSpecs(
      String table, Map<String, ContractDocument.ColumnDocument> columns) {
    List<ColumnSpec> specs = new ArrayList<>();
    columns.forEach((name, column) -> specs.add(columnSpec(table, name, column)));
    return specs;
  }

  private static ColumnSpec columnSpec(
      String table, String name, ContractDocument.ColumnDocument column) {
    ColumnType sourceType = ColumnType.parse(column.type);
    try {
      if (column.silver != null) {
        return ColumnSpec.widened(name, sourceType, ColumnType.parse(column.silver));
      }
      if (column.convertTo != null) {
        return ColumnSpec.converted(name, sourceType, ColumnType.parse(column.convertTo));
      }
      return new ColumnSpec(name, sourceType);
    } catch (IllegalArgumentException e) {
      throw new SilverException(
          SilverException.Kind.CONTRACT, "Cannot use contract " + table + ": " + e.getMessage());
    }
  }

  public Contract get(String table) {
    Contract contract = byTable.get(table);
    if (contract == null) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          String.format("Cannot find job %s: known jobs are %s", table, byTable.keySet()));
    }
    return contract;
  }

  public Collection<Contract> all() {
    return byTable.values();
  }

  public Set<String> tables() {
    return byTable.keySet();
  }

  private static YAMLMapper strictMapper() {
    YAMLMapper mapper = new YAMLMapper();
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return mapper;
  }
}
