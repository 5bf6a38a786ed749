package io.platform.etl.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things live: the repository root (modules, Maven wrapper, pipeline spec) and the state directory
 * ({@code .platform/} by default) with logs, pid files, data and the env files.
 */
public record PlatformPaths(Path root, Path home) {

    public PlatformPaths {
        root = root.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
    }

    public static PlatformPaths of(Path root, java.util.Optional<Path> home) {
        return new PlatformPaths(root, home.orElse(root.resolve(".platform")));
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path log(String component) {
        return logs().resolve(component + ".log");
    }

    public Path pids() {
        return home.resolve("pids");
    }

    public Path pidFile(String component) {
        return pids().resolve(component + ".pid");
    }

    public Path data() {
        return home.resolve("data");
    }

    /** Class-data archives of the services and the jars of their classes (ADR 0427); kept across up and down. */
    public Path cds() {
        return home.resolve("cds");
    }

    /** What the infra JVM started (written by it once every component is ready). */
    public Path infraEnv() {
        return home.resolve("infra.env");
    }

    /** Everything a user needs to connect, as KEY=value lines (written by {@code up}). */
    public Path env() {
        return home.resolve("env");
    }

    public Path pipelineSpec() {
        return root.resolve("config").resolve("pipeline.yaml");
    }

    public Path module(String name) {
        return root.resolve(name);
    }

    public void createDirectories() {
        try {
            Files.createDirectories(logs());
            Files.createDirectories(pids());
            Files.createDirectories(data());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home, e);
        }
    }
}
