package io.palimpsest.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.palimpsest.editing.DerivedReadModel;
import io.palimpsest.model.api.ProfileView;
import io.palimpsest.storage.Drops;
import org.bson.Document;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The citation report of every profile, kept with the current profiles ({@link DerivedReadModel}): per profile its
 * report in {@code citation_reports} (keyed by profile id), and its counts in one of {@value #BUCKETS} summary
 * documents in {@code citation_summaries} (keyed by bucket, the field {@code profiles.<id>}). The report across
 * profiles reads the summaries (one {@code $in} of {@value #BUCKETS} ids) and the reports of one page (one
 * {@code $in}), never every profile's report. A batch reads its profiles' stored reports (one {@code $in}) and writes
 * those that changed, and one update per bucket they are in, setting only their fields, so nodes folding different
 * profiles never overwrite each other.
 */
@Repository
public class CitationReports implements DerivedReadModel {

    static final int BUCKETS = 32;
    /** An entry of the report across profiles lists this many problems; the profile's own report has them all. */
    static final int PROBLEMS_PER_PROFILE = 10;
    private static final List<String> BUCKET_IDS = IntStream.range(0, BUCKETS).mapToObj(String::valueOf).toList();

    private final MongoDatabase database;
    private final MongoCollection<Document> reports;
    private final MongoCollection<Document> summaries;
    private final ObjectMapper json;

    CitationReports(MongoDatabase database, ObjectMapper json) {
        this.database = database;
        this.reports = database.getCollection("citation_reports");
        this.summaries = database.getCollection("citation_summaries");
        this.json = json;
    }

    /** A profile's report as stored: what follows from its content, without the revision it was made at. */
    record Stored(String name, CitationCounts counts, List<CitationProblem> problems) {
    }

    private record Pending(String profileId, String json, CitationCounts counts) {
    }

    @Override
    public Runnable prepare(List<ProfileView> views) {
        List<Pending> pending = views.stream().map(CitationProblems::of).map(report -> new Pending(report.profileId(),
                write(new Stored(report.name(), report.counts(), report.problems())), report.counts())).toList();
        return () -> writeChanged(pending);
    }

    /**
     * Writes the reports that differ from those stored, and their counts: most edits change no citation, and what is
     * not rewritten does not churn the store. Read when written, not when prepared: in a rebuild the write before
     * may still be under way when the next is prepared.
     */
    private void writeChanged(List<Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, String> stored = new HashMap<>();
        reports.find(Filters.in("_id", pending.stream().map(Pending::profileId).toList()))
                .forEach(document -> stored.put(document.getString("_id"), document.getString("report")));
        List<UpdateOneModel<Document>> reportWrites = new ArrayList<>();
        Map<String, Document> countsByBucket = new LinkedHashMap<>();
        for (Pending report : pending) {
            if (report.json().equals(stored.get(report.profileId()))) {
                continue;
            }
            reportWrites.add(new UpdateOneModel<>(Filters.eq("_id", report.profileId()),
                    new Document("$set", new Document("report", report.json())), new UpdateOptions().upsert(true)));
            countsByBucket.computeIfAbsent(bucket(report.profileId()), bucket -> new Document())
                    .append("profiles." + report.profileId(), report.counts().toDocument());
        }
        if (reportWrites.isEmpty()) {
            return;
        }
        // The reports first: a profile in a summary always has its report.
        reports.bulkWrite(reportWrites, new BulkWriteOptions().ordered(false));
        summaries.bulkWrite(countsByBucket.entrySet().stream()
                .map(bucket -> new UpdateOneModel<Document>(Filters.eq("_id", bucket.getKey()),
                        new Document("$set", bucket.getValue()), new UpdateOptions().upsert(true)))
                .toList(), new BulkWriteOptions().ordered(false));
    }

    /** Profile ids are slugs: a field name with no dot or dollar in it. */
    private static String bucket(String profileId) {
        return String.valueOf(Math.floorMod(profileId.hashCode(), BUCKETS));
    }

    /** Page {@code page} (of {@code size} profiles) of the profiles with problems of {@code kind} (null: any). */
    CitationOverview overview(CitationProblem.Kind kind, int page, int size) {
        Map<String, CitationCounts> counts = new HashMap<>();
        for (Document bucket : summaries.find(Filters.in("_id", BUCKET_IDS))) {
            bucket.get("profiles", Document.class).forEach((profileId, profileCounts) ->
                    counts.put(profileId, CitationCounts.from((Document) profileCounts)));
        }
        CitationCounts totals = counts.values().stream().reduce(CitationCounts.NONE, CitationCounts::plus);
        int withProblems = (int) counts.values().stream().filter(profile -> profile.total() > 0).count();
        List<String> matching = counts.entrySet().stream().filter(profile -> profile.getValue().of(kind) > 0)
                .sorted(Comparator.comparing((Map.Entry<String, CitationCounts> profile) -> -profile.getValue().of(kind))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).toList();
        long from = Math.min((long) page * size, matching.size());
        List<String> onPage = matching.subList((int) from, (int) Math.min(from + size, matching.size()));
        Map<String, Stored> found = new HashMap<>();
        if (!onPage.isEmpty()) {
            for (Document stored : reports.find(Filters.in("_id", onPage))) {
                found.put(stored.getString("_id"), read(stored.getString("report")));
            }
        }
        List<CitationOverview.Entry> entries = onPage.stream().filter(found::containsKey)
                .map(profileId -> entry(profileId, found.get(profileId), kind)).toList();
        return new CitationOverview(new CitationOverview.Totals(counts.size(), withProblems, totals),
                kind == null ? null : kind.wireName(), page, size, matching.size(), entries);
    }

    private static CitationOverview.Entry entry(String profileId, Stored report, CitationProblem.Kind kind) {
        List<CitationProblem> ofKind = report.problems().stream()
                .filter(problem -> kind == null || problem.kind() == kind).toList();
        List<CitationProblem> shown = ofKind.subList(0, Math.min(PROBLEMS_PER_PROFILE, ofKind.size()));
        return new CitationOverview.Entry(profileId, report.name(), report.counts(), shown,
                ofKind.size() - shown.size());
    }

    private String write(Stored report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the citation report of " + report.name(), e);
        }
    }

    private Stored read(String report) {
        try {
            return json.readValue(report, Stored.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored citation report", e);
        }
    }

    @Override
    public void clear() {
        Drops.dropPresent(database, List.of(reports, summaries));
    }
}
