package io.platform.etl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Documentation stands alone: no README, ADR, javadoc, comment or manifest cites a document a reader of this
 * repository does not have. The design is {@code docs/design.md}, the pipeline spec {@code config/pipeline.yaml}.
 */
class DocsStandAloneTest {

    // Built from parts, so this file does not match itself; upper case, so docs/design.md is allowed.
    private static final Pattern CITATION = Pattern.compile(String.join("|",
            Pattern.quote("DESIGN" + ".md"),
            Pattern.quote("COMMON" + ".md"),
            Pattern.quote("002-streaming" + "-pipeline-spec"),
            "(?i)" + Pattern.quote("seeds" + "/")));

    private static final Set<String> SKIPPED_DIRS = Set.of("target", ".git", "node_modules", ".platform");
    private static final List<String> EXTENSIONS = List.of(".md", ".java", ".yml", ".yaml", ".xml", ".sh");

    static Path repositoryRoot() {
        String k8s = System.getProperty("k8s.dir");
        Path root = k8s != null ? Path.of(k8s, "..") : Path.of("..", "..");
        return root.toAbsolutePath().normalize();
    }

    @Test
    void noFileCitesDocumentsOutsideTheRepository() throws IOException {
        Path root = repositoryRoot();
        assertThat(root.resolve("docs/design.md")).as("repository root %s", root).exists();
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return SKIPPED_DIRS.contains(String.valueOf(dir.getFileName())) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (EXTENSIONS.stream().anyMatch(file.getFileName().toString()::endsWith)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        List<String> citations = new ArrayList<>();
        files.stream().sorted().forEach(f -> citations.addAll(citations(root, f)));
        assertThat(citations)
                .as("cite docs/design.md, config/pipeline.yaml, an ADR or a module README instead")
                .isEmpty();
    }

    @Test
    void flagsOutsideDocumentsButNotTheRepositorysDesignPage() {
        assertThat(CITATION.matcher("see " + "DESIGN" + ".md §3").find()).isTrue();
        assertThat(CITATION.matcher("the env contract of " + "COMMON" + ".md").find()).isTrue();
        assertThat(CITATION.matcher("../shared/" + "seeds" + "/000-plan.md").find()).isTrue();
        assertThat(CITATION.matcher("[design](docs/design.md#event-contract)").find()).isFalse();
        assertThat(CITATION.matcher("PipelineSpecParser.seed() and pipeline.seed-fallback").find()).isFalse();
    }

    private static List<String> citations(Path root, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (CITATION.matcher(lines.get(i)).find()) {
                found.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
        return found;
    }
}
