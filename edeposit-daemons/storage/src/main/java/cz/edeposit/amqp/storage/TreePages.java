package cz.edeposit.amqp.storage;

import java.util.List;
import java.util.Optional;

/** The HTML of periodical trees and of the publication index; nothing private is shown or linked. */
final class TreePages {

    static final int PAGE_SIZE = 100;

    private final Storage storage;

    TreePages(Storage storage) {
        this.storage = storage;
    }

    Optional<String> byPath(String path) throws Exception {
        return page(storage.trees.byPath(path));
    }

    Optional<String> byIssn(String issn) throws Exception {
        return page(storage.trees.byIssn(issn));
    }

    private Optional<String> page(Optional<TreeStore.Node> node) throws Exception {
        if (node.isEmpty() || !node.get().isPublic()) {
            return Optional.empty();
        }
        TreeStore.Node tree = node.get();
        StringBuilder body = new StringBuilder();
        if (tree.issn() != null) {
            body.append("<p>ISSN: ").append(Html.escape(tree.issn())).append("</p>\n");
        }
        list(tree, body);
        return Optional.of(Html.page(tree.name(), body.toString()));
    }

    private void list(TreeStore.Node tree, StringBuilder body) throws Exception {
        List<TreeStore.Node> children = tree.children().stream().filter(TreeStore.Node::isPublic).toList();
        if (children.isEmpty() && tree.publications().isEmpty()) {
            return;
        }
        body.append("<ul>\n");
        for (TreeStore.Node child : children) {
            body.append("<li><a href=\"").append(Html.escape(storage.paths.treeByPath(child.path()))).append("\">")
                    .append(Html.escape(child.name())).append("</a>\n");
            list(child, body);
            body.append("</li>\n");
        }
        for (String uuid : tree.publications()) {
            Optional<PublicationStore.Stored> found = storage.publications.byUuid(uuid);
            if (found.isPresent() && found.get().area() == FileStore.Area.PUBLIC) {
                String title = found.get().record().title();
                body.append("<li><a href=\"").append(Html.escape(storage.paths.publication(uuid))).append("\">")
                        .append(Html.escape(title == null ? uuid : title)).append("</a></li>\n");
            } else {
                body.append("<li>Neveřejná nebo dosud nevydaná publikace</li>\n");
            }
        }
        body.append("</ul>\n");
    }

    /** The public publications with a file, {@value #PAGE_SIZE} a page; {@code ?page=N} from 1. */
    String index(String query) throws Exception {
        int page = 1;
        if (query != null && query.matches("page=\\d{1,6}")) {
            page = Math.max(1, Integer.parseInt(query.substring(5)));
        }
        List<PublicationStore.Stored> found = storage.publications.publicPage((page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        StringBuilder body = new StringBuilder("<ul>\n");
        for (PublicationStore.Stored stored : found.subList(0, Math.min(PAGE_SIZE, found.size()))) {
            String uuid = stored.record().uuid();
            if (uuid == null) {
                continue;
            }
            String title = stored.record().title() == null ? uuid : stored.record().title();
            body.append("<li><a href=\"").append(Html.escape(storage.paths.publication(uuid))).append("\">")
                    .append(Html.escape(title)).append("</a>");
            if (stored.record().author() != null) {
                body.append(", ").append(Html.escape(stored.record().author()));
            }
            body.append("</li>\n");
        }
        body.append("</ul>\n<nav aria-label=\"Stránky\">");
        if (page > 1) {
            body.append("<a href=\"?page=").append(page - 1).append("\" rel=\"prev\">Předchozí</a> ");
        }
        if (found.size() > PAGE_SIZE) {
            body.append("<a href=\"?page=").append(page + 1).append("\" rel=\"next\">Další</a>");
        }
        body.append("</nav>\n");
        return Html.page("Veřejné publikace, strana " + page, body.toString());
    }
}
