package dev.exdetect.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** samples/worlds/README.md documents every archetype and parameter as the catalogue has them. */
class ArchetypesTest {
    private static final Set<String> PACING =
            Set.of("jitter", "session_length", "pause_min", "pause_max", "break");

    @Test
    void theReadmeListsEveryArchetypeWithItsParametersAndDefaults() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "samples", "worlds", "README.md"));
        for (Archetype a : Archetypes.all()) {
            String row =
                    lines.stream()
                            .filter(l -> l.startsWith("| `" + a.name() + "` |"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no row for " + a.name()));
            assertThat(row)
                    .contains(a.attack() ? "| attack |" : a.app() ? "| app |" : "| person |");
            for (ParamSpec p : a.params().values()) {
                boolean documentedAsPacing =
                        a.params().containsKey("pace") && PACING.contains(p.name());
                if (!documentedAsPacing || row.contains("`" + p.name() + "`")) {
                    assertThat(row).as(a.name()).contains("`" + p.name() + "` " + p.defaultText());
                }
                assertThat(lines)
                        .as("glossary entry for " + p.name())
                        .anySatisfy(l -> assertThat(l).startsWith("| `" + p.name() + "` | "));
            }
        }
    }
}
