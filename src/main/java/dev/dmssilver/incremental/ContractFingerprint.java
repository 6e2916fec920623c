package dev.dmssilver.incremental;

import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.DerivedColumn;
import dev.dmssilver.contract.Enrichment;
import dev.dmssilver.contract.Rule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A digest of everything in a job's contracts that decides its rows: keys, columns and their types,
 * enrichments, derived columns, rules and partitioning, for the job's own contract and those it
 * enriches from. The gate is left out: it decides whether to publish, not what. State kept under
 * one fingerprint is useless under another, so a changed contract means a full rebuild.
 */
public final class ContractFingerprint {
  private ContractFingerprint() {}

  public static String of(Contract contract, List<Contract> sources) {
    StringBuilder text = new StringBuilder();
    describe(contract, text);
    for (Contract source : sources) {
      describe(source, text);
    }
    return sha256(text.toString());
  }

  private static void describe(Contract contract, StringBuilder text) {
    text.append("table ").append(contract.table()).append('\n');
    text.append("bronze ")
        .append(contract.bronze().schema().orElse(""))
        .append('.')
        .append(contract.bronze().table())
        .append('\n');
    text.append("key ").append(contract.key()).append('\n');
    text.append("columns ").append(contract.columns()).append('\n');
    for (Enrichment enrichment : contract.enrichments()) {
      text.append("enrich ")
          .append(enrichment.fromContract())
          .append(' ')
          .append(enrichment.rule())
          .append(' ')
          .append(enrichment.on())
          .append(' ')
          .append(enrichment.columns())
          .append('\n');
    }
    for (DerivedColumn derived : contract.derived()) {
      text.append("derived ")
          .append(derived.column())
          .append(" = ")
          .append(derived.expression())
          .append('\n');
    }
    for (Rule rule : contract.rules()) {
      text.append("rule ").append(rule).append('\n');
    }
    text.append("partition ").append(contract.partition().map(Object::toString).orElse(""));
    text.append('\n');
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
