package io.platform.etl.k8s.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** An OCI image layout tarball as Jib's buildTar writes it: index, manifest, config and the layers' file names. */
record OciTarball(Path file, String manifestDigest, JsonNode config, long compressedSize, Set<String> files) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OciTarball read(Path file) throws IOException {
        Map<String, byte[]> blobs = new HashMap<>();
        byte[] index = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(file))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.getName().equals("index.json")) {
                    index = tar.readAllBytes();
                } else if (e.getName().startsWith("blobs/sha256/")) {
                    blobs.put("sha256:" + e.getName().substring("blobs/sha256/".length()), tar.readAllBytes());
                }
            }
        }
        if (index == null) {
            throw new IOException(file + " has no index.json: not an OCI image layout tarball");
        }
        String manifestDigest = JSON.readTree(index).path("manifests").path(0).path("digest").asText();
        JsonNode manifest = JSON.readTree(blob(blobs, manifestDigest));
        JsonNode config = JSON.readTree(blob(blobs, manifest.path("config").path("digest").asText()));
        long size = 0;
        Set<String> files = new LinkedHashSet<>();
        for (JsonNode layer : manifest.path("layers")) {
            size += layer.path("size").asLong();
            byte[] gz = blob(blobs, layer.path("digest").asText());
            try (TarArchiveInputStream tar = new TarArchiveInputStream(gunzip(gz))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    files.add("/" + e.getName().replaceFirst("^\\./", "").replaceFirst("^/", ""));
                }
            }
        }
        return new OciTarball(file, manifestDigest, config.path("config"), size, files);
    }

    private static byte[] blob(Map<String, byte[]> blobs, String digest) throws IOException {
        byte[] b = blobs.get(digest);
        if (b == null) {
            throw new IOException("blob " + digest + " missing");
        }
        return b;
    }

    private static InputStream gunzip(byte[] gz) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(gz));
    }
}
