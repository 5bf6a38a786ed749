package io.platform.etl.stageruntime.rules;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This instance's id for applied-version reports: configured ({@code stage.instance-id}); in Kubernetes the pod name
 * ({@code HOSTNAME}); elsewhere host-pid, so several local instances do not share one report key.
 */
final class InstanceId {

    private InstanceId() {
    }

    static String resolve(String configured, String stage) {
        String id = configured;
        if ((id == null || id.isBlank()) && System.getenv("KUBERNETES_SERVICE_HOST") != null) {
            id = System.getenv("HOSTNAME");
        }
        if (id == null || id.isBlank()) {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = stage;
            }
            id = host + "-" + ProcessHandle.current().pid();
        }
        return id.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
