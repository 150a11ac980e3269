package io.palimpsest.streams;

import io.palimpsest.common.Ids;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where webhooks may deliver: https to a host of the operator's allow list, or plain http to a loopback address
 * when that is allowed (tests, development). Checked when a webhook is registered or changed, and again before
 * every delivery, so a host taken off the list receives nothing more.
 */
final class WebhookTargets {

    private final List<String> allowedHosts;
    private final boolean allowLoopbackHttp;

    WebhookTargets(WebhooksProperties settings) {
        this.allowedHosts = settings.allowedHosts() == null ? List.of()
                : settings.allowedHosts().stream().map(host -> host.trim().toLowerCase(Locale.ROOT))
                        .filter(host -> !host.isEmpty()).toList();
        this.allowLoopbackHttp = settings.allowLoopbackHttp();
    }

    /** The URL as a target, or a 400 saying why it may not be one. */
    URI check(String url) {
        URI uri = parse(Ids.required(url, "url"));
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            if (!allowLoopbackHttp || !isLoopback(host)) {
                throw new Ids.BadRequest("'url' must be https" + (allowLoopbackHttp
                        ? " (plain http only to a loopback address)" : "") + ": '" + url + "'");
            }
        } else if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new Ids.BadRequest("'url' must be an https URL: '" + url + "'");
        }
        if (!isAllowed(host)) {
            throw new Ids.BadRequest("'url': the host '" + host + "' is not in palimpsest.webhooks.allowed-hosts "
                    + (allowedHosts.isEmpty() ? "(none is: the operator has allowed no webhook target)"
                    : allowedHosts.toString()));
        }
        return uri;
    }

    /** Whether a delivery to this registered URL may still go out. */
    boolean allows(URI uri) {
        try {
            check(uri.toString());
            return true;
        } catch (Ids.BadRequest e) {
            return false;
        }
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                throw new Ids.BadRequest("'url' must be an absolute URL with a host, no user name or password and no "
                        + "fragment: '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new Ids.BadRequest("'url' is not a URL: '" + url + "' (" + e.getReason() + ")");
        }
    }

    private boolean isAllowed(String host) {
        return allowedHosts.stream().anyMatch(allowed -> allowed.startsWith("*.")
                ? host.endsWith(allowed.substring(1)) : host.equals(allowed));
    }

    /** Only literal loopback names: resolving a name here would let DNS decide what counts as this machine. */
    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
