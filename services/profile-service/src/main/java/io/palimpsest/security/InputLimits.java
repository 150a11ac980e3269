package io.palimpsest.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code palimpsest.limits.*}: how much a request may carry, how fast an editor may write
 * and how fast passwords may be guessed; see docs/security.md.
 *
 * @param requestBody     the largest body of an edit
 * @param importBody      the largest body of an import
 * @param textChars       the longest claim or sub-item text
 * @param fieldChars      the longest other string in a body or query (names, titles, labels, values, URLs, ...)
 * @param editBurst       edits an editor may send at once before the sustained rate applies
 * @param editsPerSecond  the sustained rate of edits per editor
 * @param failedSignInBurst      failed sign-ins as one user from one address before they are throttled
 * @param failedSignInsPerMinute the sustained rate of failed sign-ins as one user from one address
 */
@ConfigurationProperties("palimpsest.limits")
record InputLimits(
        @DefaultValue("256KB") DataSize requestBody,
        @DefaultValue("4MB") DataSize importBody,
        @DefaultValue("20000") int textChars,
        @DefaultValue("2000") int fieldChars,
        @DefaultValue("300") int editBurst,
        @DefaultValue("50") double editsPerSecond,
        @DefaultValue("10") int failedSignInBurst,
        @DefaultValue("6") double failedSignInsPerMinute) {
}
