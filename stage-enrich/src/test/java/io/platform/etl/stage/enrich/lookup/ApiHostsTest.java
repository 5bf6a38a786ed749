package io.platform.etl.stage.enrich.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiHostsTest {

    private final ApiHosts hosts = new ApiHosts(List.of("geo-service", "GEO.internal"));

    @Test
    void allowsListedHostsOverHttpAndHttpsIgnoringCase() {
        assertThat(hosts.allowed("http://geo-service:8080/location")).isTrue();
        assertThat(hosts.allowed("https://Geo-Service/location")).isTrue();
        assertThat(hosts.allowed("http://geo.internal/x")).isTrue();
    }

    @Test
    void refusesOtherHostsSchemesAndUnparseableEndpoints() {
        assertThat(hosts.allowed("http://metadata.google.internal/computeMetadata")).isFalse();
        assertThat(hosts.allowed("http://169.254.169.254/latest")).isFalse();
        assertThat(hosts.allowed("file://geo-service/etc/passwd")).isFalse();
        assertThat(hosts.allowed("http://geo-service.evil.com/")).isFalse();
        assertThat(hosts.allowed("not a url")).isFalse();
        assertThat(new ApiHosts(List.of()).allowed("http://geo-service/")).isFalse();
    }
}
