package dev.rlcode.envs.code.retrieval;

import dev.rlcode.envs.code.task.KnowledgeNote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A Lucene BM25 index over knowledge notes, held in memory; {@link #search} returns the best notes for a query.
 *
 * <p>Text is split on non-letters and on camelCase boundaries ({@code hasCloseElements} also matches "close"
 * and "elements"), lower-cased, stripped of English stop words and Porter-stemmed. Title and tags weigh
 * {@value #TITLE_BOOST} times the body. Ranking is deterministic: equal scores keep the order the notes were
 * added in.
 *
 * {@snippet :
 * try (NoteIndex index = NoteIndex.of(notes)) {
 *     List<ScoredNote> top = index.search("StringBuilder reverse unicode surrogate", 3);
 * }
 * }
 */
public final class NoteIndex implements AutoCloseable {

    /** Weight of the title and tag fields relative to the body. */
    public static final float TITLE_BOOST = 2.0f;
    /** The constant of {@link #searchFused}'s reciprocal-rank fusion (60, the value of its paper). */
    public static final int RRF_K = 60;
    /** At most this many distinct query terms are used (the rest are dropped, in order of first appearance). */
    public static final int MAX_QUERY_TERMS = 256;

    private static final String F_TITLE = "title";
    private static final String F_TAGS = "tags";
    private static final String F_TEXT = "text";
    private static final String F_ORDINAL = "ordinal";

    private final List<KnowledgeNote> notes;
    private final Analyzer analyzer;
    private final ByteBuffersDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private NoteIndex(List<KnowledgeNote> notes) throws IOException {
        this.notes = List.copyOf(notes);
        this.analyzer = analyzer();
        this.directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < this.notes.size(); i++) {
                KnowledgeNote note = this.notes.get(i);
                Document doc = new Document();
                doc.add(new StoredField(F_ORDINAL, i));
                doc.add(new TextField(F_TITLE, note.title(), Field.Store.NO));
                doc.add(new TextField(F_TAGS, String.join(" ", note.tags()), Field.Store.NO));
                doc.add(new TextField(F_TEXT, note.text(), Field.Store.NO));
                writer.addDocument(doc);
            }
            writer.forceMerge(1); // one segment: doc ids follow insertion order, so ties break by it
        }
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
        this.searcher.setSimilarity(new BM25Similarity());
    }

    /**
     * Builds an index over the given notes.
     *
     * @param notes the corpus; ids must be unique
     * @return the index
     * @throws IllegalArgumentException if two notes share an id
     */
    public static NoteIndex of(List<KnowledgeNote> notes) {
        Set<String> seen = new LinkedHashSet<>();
        for (KnowledgeNote note : notes) {
            if (!seen.add(note.id())) {
                throw new IllegalArgumentException("note ids: expected unique ids, actual duplicate \"" + note.id() + "\"");
            }
        }
        try {
            return new NoteIndex(notes);
        } catch (IOException e) {
            throw new UncheckedIOException("building the in-memory note index", e);
        }
    }

    /**
     * Builds an index over the given notes plus every {@code .md} and {@code .txt} file under a folder (see
     * {@link #readFolder}).
     *
     * @param notes  the bundled notes
     * @param folder a folder of the user's notes
     * @return the index
     * @throws UncheckedIOException     if the folder cannot be read
     * @throws IllegalArgumentException if two notes share an id
     */
    public static NoteIndex of(List<KnowledgeNote> notes, Path folder) {
        List<KnowledgeNote> all = new ArrayList<>(notes);
        all.addAll(readFolder(folder));
        return of(all);
    }

    /**
     * Reads every {@code .md} and {@code .txt} file under a folder (recursively, in path order) as a note: the id
     * is {@code "file:"} + the path relative to the folder, the title the first non-blank line without leading
     * {@code #}, the text the whole file. Blank files are skipped.
     *
     * @param folder the folder
     * @return the notes, sorted by path
     * @throws UncheckedIOException     if the folder or a file cannot be read
     * @throws IllegalArgumentException if {@code folder} is not a directory
     */
    public static List<KnowledgeNote> readFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("notes folder: expected a directory, actual " + folder);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> paths = files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".md") || name.endsWith(".txt");
                    })
                    .sorted()
                    .toList();
            List<KnowledgeNote> out = new ArrayList<>();
            for (Path p : paths) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                if (text.isBlank()) {
                    continue;
                }
                String title = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                        .map(l -> l.replaceFirst("^#+\\s*", "")).orElse(p.getFileName().toString());
                String id = "file:" + folder.relativize(p).toString().replace('\\', '/');
                out.add(new KnowledgeNote(id, title, text, List.of()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading notes folder " + folder, e);
        }
    }

    /**
     * Returns the {@code k} notes that best match a free-text query, best first. A query with no indexable
     * term (empty, only stop words) returns an empty list.
     *
     * @param query free text: a prompt, an error message, keywords
     * @param k     how many notes at most
     * @return up to {@code k} notes with a positive score, ranked by BM25 score, ties in insertion order
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<ScoredNote> search(String query, int k) {
        Objects.requireNonNull(query, "query");
        if (k < 1) {
            throw new IllegalArgumentException("k: expected >= 1, actual " + k);
        }
        List<String> terms = analyze(query);
        if (terms.isEmpty() || notes.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (String term : terms) {
            builder.add(new TermQuery(new Term(F_TEXT, term)), BooleanClause.Occur.SHOULD);
            builder.add(new BoostQuery(new TermQuery(new Term(F_TITLE, term)), TITLE_BOOST), BooleanClause.Occur.SHOULD);
            builder.add(new BoostQuery(new TermQuery(new Term(F_TAGS, term)), TITLE_BOOST), BooleanClause.Occur.SHOULD);
        }
        try {
            ScoreDoc[] hits = searcher.search(builder.build(), Math.min(k, notes.size())).scoreDocs;
            List<ScoredNote> out = new ArrayList<>(hits.length);
            for (ScoreDoc hit : hits) {
                int ordinal = searcher.storedFields().document(hit.doc).getField(F_ORDINAL).numericValue().intValue();
                out.add(new ScoredNote(notes.get(ordinal), hit.score, out.size()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory note index", e);
        }
    }

    /**
     * Reciprocal-rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009) of one BM25 search per query: a note's fused
     * score is the sum over the queries of {@code 1 / (RRF_K + rank)}, rank 1-based, over the notes that query
     * scores at all. Each query gets one vote however long it is, so a long query (a whole source file) cannot
     * drown a short one (a prompt) the way it does when the texts are concatenated into one BM25 query.
     *
     * @param queries free-text queries; blank ones (or ones with no indexable term) are skipped
     * @param k       how many notes at most
     * @return up to {@code k} notes, best fused score first, ties in insertion order; the score is the fused one
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<ScoredNote> searchFused(List<String> queries, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k: expected >= 1, actual " + k);
        }
        Map<String, Double> fused = new java.util.HashMap<>();
        for (String q : queries) {
            for (ScoredNote hit : search(Objects.requireNonNull(q, "query"), Math.max(1, notes.size()))) {
                fused.merge(hit.note().id(), 1.0 / (RRF_K + hit.rank() + 1), Double::sum);
            }
        }
        List<ScoredNote> out = new ArrayList<>();
        notes.stream().filter(n -> fused.containsKey(n.id()))
                .sorted(java.util.Comparator.comparingDouble((KnowledgeNote n) -> -fused.get(n.id())))
                .limit(k)
                .forEach(n -> out.add(new ScoredNote(n, fused.get(n.id()).floatValue(), out.size())));
        return List.copyOf(out);
    }

    /** {@return the number of notes indexed} */
    public int size() {
        return notes.size();
    }

    /** {@return the indexed notes, in insertion order} */
    public List<KnowledgeNote> notes() {
        return notes;
    }

    /** Releases the index; {@link #search} must not be called afterwards. */
    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
            analyzer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the note index", e);
        }
    }

    private List<String> analyze(String text) {
        Map<String, Boolean> terms = new LinkedHashMap<>();
        try (TokenStream ts = analyzer.tokenStream(F_TEXT, text)) {
            CharTermAttribute attr = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.putIfAbsent(attr.toString(), Boolean.TRUE);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a query", e);
        }
        return List.copyOf(terms.keySet());
    }

    private static Analyzer analyzer() {
        try {
            return CustomAnalyzer.builder()
                    .withTokenizer("standard")
                    .addTokenFilter("wordDelimiterGraph",
                            "splitOnCaseChange", "1", "splitOnNumerics", "1", "preserveOriginal", "1",
                            "generateWordParts", "1", "generateNumberParts", "1")
                    .addTokenFilter("flattenGraph")
                    .addTokenFilter("lowercase")
                    .addTokenFilter("stop")
                    .addTokenFilter("porterStem")
                    .addTokenFilter("removeDuplicates")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("building the note analyzer", e);
        }
    }
}
