package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The storage module knows nothing of the service: its main sources name no {@code io.palimpsest} package but their
 * own ({@code io.palimpsest.storage}; not even the service's wiring of it, {@code io.palimpsest.storage.spring}),
 * and no Spring. Its pom keeps the service and Spring off the compile classpath; this catches what a dependency
 * added there would let in. Sources rather than classes: a constant of another class leaves no trace in bytecode.
 */
class StorageModuleBoundaryTest {

    /** Surefire runs in the module's directory. */
    private static final Path MAIN_SOURCES = Path.of("src/main/java");

    /** A qualified name under io.palimpsest; its package is the run of lower-case segments. */
    private static final Pattern PALIMPSEST_NAME = Pattern.compile("\\bio\\.palimpsest(?:\\.\\w+)*");

    @Test
    void mainSourcesNameNoOtherPalimpsestPackageAndNoSpring() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("main sources under %s", MAIN_SOURCES.toAbsolutePath()).isNotEmpty();

        List<String> violations = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher names = PALIMPSEST_NAME.matcher(text);
            while (names.find()) {
                String name = names.group();
                if (!packageOf(name).equals("io.palimpsest.storage")) {
                    violations.add(MAIN_SOURCES.relativize(source) + ": " + name);
                }
            }
            if (text.contains("org.springframework")) {
                violations.add(MAIN_SOURCES.relativize(source) + ": org.springframework");
            }
        }
        assertThat(violations).isEmpty();
    }

    private static String packageOf(String qualifiedName) {
        StringBuilder pkg = new StringBuilder();
        for (String segment : qualifiedName.split("\\.")) {
            if (!Character.isLowerCase(segment.charAt(0))) {
                break;
            }
            pkg.append(pkg.isEmpty() ? "" : ".").append(segment);
        }
        return pkg.toString();
    }
}
