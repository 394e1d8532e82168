package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.StorageMessages.Tree;
import cz.edeposit.amqp.wire.ValueError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Periodical trees, one row per node; saving a tree replaces the tree at its path with everything under it. */
final class TreeStore {

    /** A node as read back, with its children and the UUIDs of its publications in saving order. */
    record Node(String path, String name, String alephId, String issn, boolean isPublic, List<Node> children,
                List<String> publications) {
    }

    private static final int MAX_NODES = 100_000;

    private final Transactions transactions;

    TreeStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The path {@code tree} is saved at: the first element of {@code path_array}, else its name. */
    static String pathOf(Tree tree) {
        List<String> array = tree.pathArray();
        String given = array == null || array.isEmpty() || array.get(0) == null ? "" : array.get(0).strip();
        return given.isEmpty() ? tree.name() : given;
    }

    /**
     * Replaces the tree at {@code tree}'s path (and everything under it) with {@code tree}.
     *
     * @return the saved path
     * @throws ValueError for a blank or unsafe name or path, or a tree too large
     */
    String save(Tree tree) throws Exception {
        check(tree.name(), "name");
        String root = pathOf(tree);
        for (String segment : root.split("/", -1)) {
            if (segment.isBlank() || segment.equals(".") || segment.equals("..")) {
                throw new ValueError("the tree's path '" + root + "' has an empty, '.' or '..' part");
            }
        }
        List<Object[]> rows = new ArrayList<>();
        flatten(tree, root, root.contains("/") ? root.substring(0, root.lastIndexOf('/')) : null, 0, rows);
        transactions.run(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM tree WHERE path = ? OR path LIKE ? ESCAPE '!'")) {
                delete.setString(1, root);
                delete.setString(2, root.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%");
                delete.executeUpdate();
            }
            for (Object[] row : rows) {
                insert(c, row);
            }
            return null;
        });
        return root;
    }

    private static void flatten(Tree tree, String path, String parent, int position, List<Object[]> rows) {
        check(tree.name(), "name");
        if (tree.name().contains("/")) {
            throw new ValueError("the tree name '" + tree.name() + "' contains '/'");
        }
        if (path.length() > Columns.MAX_TEXT) {
            throw new ValueError("the tree path '" + path.substring(0, 60) + "...' is longer than " + Columns.MAX_TEXT);
        }
        if (rows.size() >= MAX_NODES) {
            throw new ValueError("the tree has more than " + MAX_NODES + " nodes");
        }
        List<String> publications = tree.subPublications() == null ? List.of() : tree.subPublications();
        for (String uuid : publications) {
            check(uuid, "sub_publications item");
        }
        Columns.checkLengths(Map.of("aleph_id", String.valueOf(tree.alephId()), "issn", String.valueOf(tree.issn())));
        rows.add(new Object[] {path, parent, position, tree.name(), tree.alephId(), tree.issn(),
                Boolean.TRUE.equals(tree.isPublic()), publications});
        List<Tree> children = tree.subTrees() == null ? List.of() : tree.subTrees();
        for (int i = 0; i < children.size(); i++) {
            Tree child = children.get(i);
            if (child == null) {
                throw new ValueError("sub_trees of '" + path + "' holds null");
            }
            check(child.name(), "name");
            flatten(child, path + "/" + child.name(), path, i, rows);
        }
    }

    private static void check(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new ValueError("a tree's " + what + " must not be blank");
        }
        if (text.length() > Columns.MAX_TEXT) {
            throw new ValueError("a tree's " + what + " is longer than " + Columns.MAX_TEXT + " characters");
        }
    }

    private static void insert(Connection c, Object[] row) throws SQLException {
        long id;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO tree (path, parent_path, position, name,"
                + " aleph_id, issn, is_public) VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            Columns.bind(insert, 1, Arrays.asList(row[0], row[1], ((Integer) row[2]).longValue(), row[3], row[4],
                    row[5], row[6]));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        @SuppressWarnings("unchecked")
        List<String> publications = (List<String>) row[7];
        if (!publications.isEmpty()) {
            try (PreparedStatement link = c.prepareStatement(
                    "INSERT INTO tree_publication (tree_id, position, uuid) VALUES (?, ?, ?)")) {
                for (int i = 0; i < publications.size(); i++) {
                    Columns.bind(link, 1, Arrays.asList(id, (long) i, publications.get(i)));
                    link.addBatch();
                }
                link.executeBatch();
            }
        }
    }

    /** The tree saved at {@code path} (a whole tree or a sub-tree), if any. */
    Optional<Node> byPath(String path) throws Exception {
        return transactions.run(c -> load(c, path));
    }

    /** The topmost tree with {@code issn}, if any. */
    Optional<Node> byIssn(String issn) throws Exception {
        return transactions.run(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT path FROM tree WHERE issn = ? ORDER BY LENGTH(path), path")) {
                select.setMaxRows(1);
                select.setString(1, issn);
                try (ResultSet r = select.executeQuery()) {
                    return r.next() ? load(c, r.getString(1)) : Optional.<Node>empty();
                }
            }
        });
    }

    private static Optional<Node> load(Connection c, String path) throws SQLException {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        Map<Long, List<String>> publications = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT t.id, t.path, t.parent_path, t.name, t.aleph_id,"
                + " t.issn, t.is_public, p.uuid FROM tree t LEFT JOIN tree_publication p ON p.tree_id = t.id"
                + " WHERE t.path = ? OR t.path LIKE ? ESCAPE '!' ORDER BY t.parent_path, t.position, p.position")) {
            select.setString(1, path);
            select.setString(2, path.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%");
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    rows.computeIfAbsent(r.getString(2), p -> {
                        try {
                            return new Object[] {id, r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                                    r.getBoolean(7)};
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    String uuid = r.getString(8);
                    if (uuid != null) {
                        publications.computeIfAbsent(id, k -> new ArrayList<>()).add(uuid);
                    }
                }
            }
        }
        if (!rows.containsKey(path)) {
            return Optional.empty();
        }
        Map<String, List<String>> children = new HashMap<>();
        rows.forEach((childPath, row) -> {
            if (row[1] != null) {
                children.computeIfAbsent((String) row[1], k -> new ArrayList<>()).add(childPath);
            }
        });
        return Optional.of(node(path, rows, children, publications));
    }

    private static Node node(String path, Map<String, Object[]> rows, Map<String, List<String>> children,
                             Map<Long, List<String>> publications) {
        Object[] row = rows.get(path);
        List<Node> nodes = new ArrayList<>();
        for (String child : children.getOrDefault(path, List.of())) {
            nodes.add(node(child, rows, children, publications));
        }
        return new Node(path, (String) row[2], (String) row[3], (String) row[4], (Boolean) row[5], nodes,
                publications.getOrDefault((Long) row[0], List.of()));
    }
}
