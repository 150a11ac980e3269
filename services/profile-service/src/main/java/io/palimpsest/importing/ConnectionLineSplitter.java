package io.palimpsest.importing;

import io.palimpsest.model.Connection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Splits a line of the "Connected to" block, where the page runs connections together with no
 * separator ({@code Center for Long-term AIstaff from · Yi ZengChinese Academy of Sciences…}).
 *
 * <p>Relations are found from a vocabulary of lower-case relation phrases that must be followed by
 * the end of the line, the {@code ·} that introduces a person, or the capital that starts the next
 * organisation. Between a person and the next organisation the cut is made at a lower-to-upper case
 * change; when there are several, a cut whose person is named elsewhere on the page wins, then the
 * first (organisation names such as "OpenAI" have inner capitals far more often than people's names).
 */
final class ConnectionLineSplitter {

    static final List<String> RELATIONS = List.of("staff from", "staff at", "former staff from", "founded by",
            "founder of", "co-founded by", "co-founder of", "advisor at", "advisor to", "adviser at", "adviser to",
            "advised by", "board member at", "board member of", "member of", "collaborator", "collaborates with",
            "partner", "partner of", "partnered with", "funder", "funder of", "funded by", "funds", "grantee of",
            "grantee", "fiscal sponsor", "fiscal sponsor of", "fiscally sponsored by", "spun out of",
            "spin-off of", "parent", "parent of", "subsidiary of", "affiliated with", "affiliate of",
            "predecessor of", "successor of", "successor to", "alumni from", "incubated by", "incubator of",
            "critic of", "criticised by", "related");
    private static final Pattern RELATION = Pattern.compile("(" + RELATIONS.stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .collect(Collectors.joining("|")) + ")(?=$| ?·|[\\p{Lu}\\p{N}\"“'(])");
    private static final Pattern VIA = Pattern.compile(" ?· ?");

    private final String pageText;

    ConnectionLineSplitter(String pageText) {
        this.pageText = pageText;
    }

    /** The connections on one line, without ids; a line with no known relation is one connection to its text. */
    List<Connection> split(String line) {
        List<Connection> connections = new ArrayList<>();
        Matcher relation = RELATION.matcher(line);
        int position = 0;
        while (relation.find(position)) {
            String target = line.substring(position, relation.start());
            position = relation.end();
            String via = null;
            Matcher separator = VIA.matcher(line).region(position, line.length());
            if (separator.lookingAt()) {
                int viaStart = separator.end();
                int next = nextRelationStart(line, viaStart);
                String viaAndTarget = line.substring(viaStart, next);
                int cut = next == line.length() ? viaAndTarget.length() : personCut(viaAndTarget, line);
                via = viaAndTarget.substring(0, cut);
                position = viaStart + cut;
            }
            connections.add(new Connection(null, target, relation.group(1), via));
        }
        if (position < line.length()) {
            connections.add(new Connection(null, line.substring(position), null, null));
        }
        return connections;
    }

    private static int nextRelationStart(String line, int from) {
        Matcher relation = RELATION.matcher(line);
        return relation.find(from) ? relation.start() : line.length();
    }

    /** Where a person's name ends and the next organisation's name begins inside {@code viaAndTarget}. */
    private int personCut(String viaAndTarget, String line) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < viaAndTarget.length(); i++) {
            char before = viaAndTarget.charAt(i - 1);
            char at = viaAndTarget.charAt(i);
            boolean lowerToUpper = Character.isLowerCase(before) && Character.isUpperCase(at);
            boolean acronymToWord = Character.isUpperCase(before) && Character.isUpperCase(at)
                    && i + 1 < viaAndTarget.length() && Character.isLowerCase(viaAndTarget.charAt(i + 1));
            if (lowerToUpper || acronymToWord) {
                cuts.add(i);
            }
        }
        if (cuts.isEmpty()) {
            return viaAndTarget.length();
        }
        String elsewhere = pageText.replace(line, "");
        return cuts.stream()
                .filter(cut -> Pattern.compile("\\b" + Pattern.quote(viaAndTarget.substring(0, cut)) + "\\b")
                        .matcher(elsewhere).find())
                .findFirst()
                .orElse(cuts.get(0));
    }
}
