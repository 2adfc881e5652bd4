package dev.exdetect.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The OCSF 1.5.0 Detection Finding JSON Schema of {@code src/test/resources/ocsf} (see the README
 * there for its origin), with a maintained validator (networknt json-schema-validator).
 */
public final class OcsfSchema {
    private static final Schema SCHEMA = load();

    private OcsfSchema() {}

    /** The violations of {@code finding} against the schema; empty when it is valid. */
    public static List<Error> violations(JsonNode finding) {
        return SCHEMA.validate(finding);
    }

    private static Schema load() {
        try (InputStream in =
                OcsfSchema.class.getResourceAsStream("/ocsf/detection_finding-1.5.0.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource ocsf/ schema");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
