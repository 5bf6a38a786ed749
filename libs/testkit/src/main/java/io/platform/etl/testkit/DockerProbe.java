package io.platform.etl.testkit;

import org.testcontainers.DockerClientFactory;

/** Asks Testcontainers once whether a Docker engine answers. */
final class DockerProbe {

    private Boolean available;

    synchronized boolean available() {
        if (available == null) {
            boolean answer;
            try {
                answer = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                answer = false;
            }
            available = answer;
        }
        return available;
    }
}
