package io.palimpsest.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palimpsest.api.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker is not at hand where the tests run, so every file of {@code deploy/} is parsed and checked for what can be
 * checked without running it: images pinned, every service node on the replica set, probes and scrapes at endpoints
 * this service answers, the load balancer's WebSocket proxying, the Kubernetes safety nets, alerts and the dashboard
 * on metrics the service exports, and the documented build tagging the image the manifests run.
 */
class DeployFilesTest extends ScrapedServiceTest {

    private static final Path ROOT = Path.of("../..");
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final String IMAGE = "palimpsest/profile-service";
    private static final Pattern METRIC = Pattern.compile("\\b(palimpsest_[a-z_]+|http_server_requests_seconds_[a-z]+"
            + "|disk_[a-z]+_bytes)\\b");

    private static Map<String, Object> compose;
    private static List<Map<String, Object>> kubernetes;

    @BeforeAll
    static void parse() {
        compose = yaml(DEPLOY.resolve("compose/docker-compose.yml")).get(0);
        kubernetes = yamlFiles().filter(path -> path.startsWith(DEPLOY.resolve("kubernetes")))
                .flatMap(path -> yaml(path).stream()).toList();
    }

    @Test
    void everyYamlFileParsesAndEveryImageIsPinned() throws IOException {
        List<String> images = new ArrayList<>();
        yamlFiles().forEach(path -> yaml(path).forEach(document -> collect(document, "image", images)));
        for (String line : Files.readAllLines(DEPLOY.resolve("Dockerfile"))) {
            if (line.startsWith("FROM ")) {
                images.add(line.split("\\s+")[1]);
            }
        }
        assertThat(images).hasSizeGreaterThan(8).allSatisfy(image -> {
            String tag = image.substring(image.lastIndexOf('/') + 1);
            assertThat(tag).as(image + " names a tag").contains(":");
            assertThat(tag.substring(tag.indexOf(':') + 1)).as(image).isNotEqualTo("latest").matches(".*\\d.*");
        });
    }

    @Test
    void everyComposeServiceNodeGetsTheReplicaSetTheComposeFileStartsAndInitiates() {
        Map<String, Map<String, Object>> services = map(compose.get("services"));
        Set<String> members = services.entrySet().stream()
                .filter(service -> command(service.getValue()).containsAll(List.of("--replSet", "rs0")))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertThat(members).hasSize(3);
        List<Map<String, Object>> nodes = services.values().stream()
                .filter(service -> String.valueOf(service.get("image")).startsWith(IMAGE)).toList();
        assertThat(nodes).hasSize(2).allSatisfy(node -> {
            URI uri = URI.create(String.valueOf(map(node.get("environment")).get("MONGODB_URI")));
            assertThat(hosts(uri)).isEqualTo(members);
            assertThat(uri.getQuery()).contains("replicaSet=rs0");
        });
        Map<String, Object> init = services.get("mongo-init");
        assertThat(command(init)).contains("--file");
        assertThat(map(init.get("depends_on")).keySet()).isEqualTo(members);
        assertThat(map(nodes.get(0).get("depends_on")).get("mongo-init"))
                .isEqualTo(Map.of("condition", "service_completed_successfully"));
    }

    @Test
    void everyKubernetesServiceNodeGetsTheReplicaSetOfTheStatefulSet() {
        Map<String, Object> statefulSet = kind("StatefulSet");
        Map<String, Object> spec = map(statefulSet.get("spec"));
        assertThat(command(containers(statefulSet).get(0))).containsAll(List.of("--replSet", "rs0"));
        Set<String> members = IntStream.range(0, (Integer) spec.get("replicas"))
                .mapToObj(i -> name(statefulSet) + "-" + i + "." + spec.get("serviceName"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(members).hasSize(3);
        assertThat(kubernetes).anyMatch(doc -> "Service".equals(doc.get("kind")) && spec.get("serviceName").equals(name(doc))
                && "None".equals(map(doc.get("spec")).get("clusterIP")));
        Map<String, Object> deployment = kind("Deployment");
        List<Map<String, Object>> nodes = containers(deployment).stream()
                .filter(container -> String.valueOf(container.get("image")).startsWith(IMAGE)).toList();
        assertThat(nodes).isNotEmpty().allSatisfy(node -> {
            URI uri = URI.create(env(node, "MONGODB_URI"));
            assertThat(hosts(uri)).isEqualTo(members);
            assertThat(uri.getQuery()).contains("replicaSet=rs0");
        });
    }

    @Test
    void probesAndScrapesPointAtEndpointsThisServiceAnswers() throws IOException {
        Map<String, Object> container = containers(kind("Deployment")).get(0);
        int port = (Integer) list(container.get("ports")).get(0).get("containerPort");
        List<String> paths = new ArrayList<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
            assertThat(httpGet.get("port")).as(probe).isEqualTo(port);
            paths.add((String) httpGet.get("path"));
        }
        assertThat(paths).contains("/actuator/health/liveness", "/actuator/health/readiness");
        Map<String, Object> annotations = map(map(map(map(kind("Deployment").get("spec")).get("template"))
                .get("metadata")).get("annotations"));
        assertThat(annotations.get("prometheus.io/port")).isEqualTo(Integer.toString(port));
        paths.add((String) annotations.get("prometheus.io/path"));
        Map<String, Object> scrape = list(yaml(DEPLOY.resolve("prometheus/prometheus.yml")).get(0)
                .get("scrape_configs")).get(0);
        paths.add((String) scrape.get("metrics_path"));
        List<String> targets = (List<String>) list(scrape.get("static_configs")).get(0).get("targets");
        assertThat(targets).containsExactlyInAnyOrderElementsOf(composeNodes().stream().map(n -> n + ":" + port).toList());

        for (String path : paths) {
            ApiClient client = path.equals("/actuator/prometheus") ? admin() : ApiClient.anonymous(baseUrl());
            assertThat(client.get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theLoadBalancerProxiesTheWebSocketUpgradeAndSpreadsTheApiOverBothNodes() throws IOException {
        String nginx = Files.readString(DEPLOY.resolve("nginx/nginx.conf"));
        String upstream = block(nginx, "upstream profile_service");
        List<String> servers = Pattern.compile("server (\\S+):8080").matcher(upstream).results()
                .map(match -> match.group(1)).toList();
        assertThat(servers).containsExactlyInAnyOrderElementsOf(composeNodes());
        String ws = block(nginx, "location /ws");
        assertThat(ws).contains("proxy_pass http://profile_service;", "proxy_http_version 1.1;",
                "proxy_set_header Upgrade $http_upgrade;", "proxy_set_header Connection $connection_upgrade;");
        assertThat(nginx).containsPattern("map \\$http_upgrade \\$connection_upgrade \\{\\s+default upgrade;");
        assertThat(block(nginx, "location / ")).contains("proxy_pass http://profile_service;");
        assertThat(block(nginx, "location /actuator")).contains("return 404;");

        Map<String, Object> ingress = kind("Ingress");
        assertThat(map(map(ingress.get("metadata")).get("annotations")))
                .containsKeys("nginx.ingress.kubernetes.io/proxy-read-timeout",
                        "nginx.ingress.kubernetes.io/proxy-send-timeout");
        List<Map<String, Object>> routes = list(map(list(map(ingress.get("spec")).get("rules")).get(0).get("http"))
                .get("paths"));
        assertThat(routes).extracting(route -> route.get("path")).contains("/ws", "/api").doesNotContain("/actuator");
        assertThat(routes).allSatisfy(route -> assertThat(map(map(route.get("backend")).get("service")).get("name"))
                .isEqualTo(name(kind("Service", "profile-service"))));
    }

    @Test
    void kubernetesContainersHaveResourcesAndTheNodesADisruptionBudget() {
        for (Map<String, Object> workload : kubernetes.stream()
                .filter(doc -> Set.of("Deployment", "StatefulSet", "Job").contains(doc.get("kind"))).toList()) {
            assertThat(containers(workload)).allSatisfy(container -> {
                Map<String, Object> resources = map(container.get("resources"));
                assertThat(map(resources.get("requests"))).as(name(workload)).containsKeys("cpu", "memory");
                assertThat(map(resources.get("limits"))).as(name(workload)).containsKey("memory");
            });
        }
        Map<String, Object> deployment = kind("Deployment");
        Map<String, Object> labels = map(map(map(map(deployment.get("spec")).get("template")).get("metadata"))
                .get("labels"));
        Map<String, Object> budget = kubernetes.stream().filter(doc -> "PodDisruptionBudget".equals(doc.get("kind"))
                && labels.equals(map(map(map(doc.get("spec")).get("selector")).get("matchLabels")))).findFirst()
                .orElseThrow();
        assertThat((Integer) map(budget.get("spec")).get("minAvailable"))
                .isLessThan((Integer) map(deployment.get("spec")).get("replicas"));
    }

    @Test
    void alertsAndTheDashboardWatchMetricsThisServiceExports() throws IOException {
        String alerts = Files.readString(DEPLOY.resolve("prometheus/alerts.yml"));
        Map<String, Object> rules = yaml(DEPLOY.resolve("prometheus/alerts.yml")).get(0);
        List<Map<String, Object>> alerting = list(list(rules.get("groups")).get(0).get("rules"));
        assertThat(alerting).extracting(rule -> rule.get("alert")).contains("PalimpsestReadModelBehind",
                "PalimpsestServerErrors", "PalimpsestDiskFilling");
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/palimpsest.json").toFile());
        StringBuilder expressions = new StringBuilder(alerts);
        dashboard.get("panels").forEach(panel -> panel.get("targets")
                .forEach(target -> expressions.append('\n').append(target.get("expr").asText())));
        // The group commit is the embedded store's: a real MongoDB makes each write durable by write concern.
        boolean embedded = System.getenv("MONGODB_URI") == null;
        Set<String> named = METRIC.matcher(expressions).results().map(MatchResult::group)
                .filter(metric -> embedded || !metric.startsWith("palimpsest_group_commit_")).collect(Collectors.toSet());
        assertThat(named).hasSizeGreaterThan(10);
        // Timers show once they have timed something: a request, a command.
        assertThat(alice().post("/api/profiles", Map.of("id", "deploy-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Deployed")).status()).isEqualTo(201);
        Scrape scrape = Scrape.of(admin());
        assertThat(named).allSatisfy(metric -> assertThat(scrape.has(metric)).as(metric).isTrue());
    }

    @Test
    void everyFileTheComposeFileMountsIsThere() {
        Map<String, Map<String, Object>> services = map(compose.get("services"));
        for (Map<String, Object> service : services.values()) {
            for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DEPLOY.resolve("compose").resolve(source)).as(String.valueOf(volume)).exists();
                }
            }
        }
        Map<String, Object> build = map(map(map(compose.get("services")).get(composeNodes().get(0))).get("build"));
        assertThat(DEPLOY.resolve("compose").resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
                .exists();
    }

    @Test
    void theDocumentedBuildTagsTheImageTheManifestsRunAndLeavesDataOutOfItsContext() throws IOException {
        String image = (String) containers(kind("Deployment")).get(0).get("image");
        String build = "docker build -f deploy/Dockerfile -t " + image + " .";
        assertThat(Files.readString(DEPLOY.resolve("README.md"))).contains(build);
        assertThat(Files.readString(DEPLOY.resolve("Dockerfile"))).contains(build);
        assertThat(map(map(compose.get("services")).get(composeNodes().get(0))).get("image")).isEqualTo(image);
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertThat(ignored).contains("data/", "**/target/", ".git");
        assertThat(Files.readString(DEPLOY.resolve("README.md")))
                .contains("kubectl create configmap mongo-initiate-replica-set");
    }

    private static List<String> composeNodes() {
        Map<String, Map<String, Object>> services = map(compose.get("services"));
        return services.entrySet().stream()
                .filter(service -> String.valueOf(service.getValue().get("image")).startsWith(IMAGE))
                .map(Map.Entry::getKey).toList();
    }

    /** The braces-delimited block of an nginx directive, such as {@code location /ws}. */
    private static String block(String nginx, String directive) {
        int start = nginx.indexOf(directive);
        assertThat(start).as(directive).isNotNegative();
        int depth = 0;
        for (int i = nginx.indexOf('{', start); i < nginx.length(); i++) {
            depth += nginx.charAt(i) == '{' ? 1 : nginx.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return nginx.substring(start, i + 1);
            }
        }
        throw new AssertionError("Unclosed block " + directive);
    }

    private static Set<String> hosts(URI uri) {
        String authority = uri.getRawAuthority();
        return Stream.of(authority.substring(authority.indexOf('@') + 1).split(","))
                .map(host -> host.substring(0, host.indexOf(':'))).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A container's environment variable, from its value or from the Secret it names. */
    private static String env(Map<String, Object> container, String name) {
        Map<String, Object> variable = list(container.get("env")).stream().filter(e -> name.equals(e.get("name")))
                .findFirst().orElseThrow();
        if (variable.containsKey("value")) {
            return (String) variable.get("value");
        }
        Map<String, Object> secretKey = map(map(variable.get("valueFrom")).get("secretKeyRef"));
        return (String) map(kind("Secret", (String) secretKey.get("name")).get("stringData")).get(secretKey.get("key"));
    }

    private static List<String> command(Map<String, Object> serviceOrContainer) {
        Object command = serviceOrContainer.get("command");
        return command instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return list(map(map(map(workload.get("spec")).get("template")).get("spec")).get("containers"));
    }

    private static Map<String, Object> kind(String kind) {
        return kubernetes.stream().filter(doc -> kind.equals(doc.get("kind"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> kind(String kind, String name) {
        return kubernetes.stream().filter(doc -> kind.equals(doc.get("kind")) && name.equals(name(doc))).findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " " + name));
    }

    private static String name(Map<String, Object> doc) {
        return (String) map(doc.get("metadata")).get("name");
    }

    private static void collect(Object node, String key, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (key.equals(k) && v instanceof String s) {
                    found.add(s);
                } else {
                    collect(v, key, found);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, key, found));
        }
    }

    private static Stream<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(path -> path.toString().matches(".*\\.ya?ml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> yaml(Path file) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml().loadAll(Files.readString(file))) {
                documents.add(map(document));
            }
            return documents.stream().filter(Objects::nonNull).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object node) {
        assertThat(node).as("a mapping").isInstanceOf(Map.class);
        return new LinkedHashMap<>((Map<String, V>) node);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        assertThat(node).as("a list").isInstanceOf(List.class);
        return (List<Map<String, Object>>) node;
    }
}
