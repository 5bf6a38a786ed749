package io.platform.etl.exporter.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashedFileTest {

    @Test
    void reportsSizeAndSha256OfTheBytesOnDisk(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("x.csv");
        HashedFile.Digest digest;
        try (HashedFile file = new HashedFile(path)) {
            file.stream().write("sku,price\r\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 20_000; i++) { // more than one buffer
                file.stream().write(("SKU-" + i + ",Гвоздь,1.00\r\n").getBytes(StandardCharsets.UTF_8));
            }
            digest = file.finish();
        }

        byte[] bytes = Files.readAllBytes(path);
        assertThat(digest.bytes()).isEqualTo(bytes.length).isGreaterThan(64 * 1024);
        assertThat(digest.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }
}
