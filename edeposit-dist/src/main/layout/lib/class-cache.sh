# The class archive that the launchers make and use by themselves (POSIX sh, sourced by
# lib/launcher.sh; docs/performance.md, "Class data sharing"). The first run of a launcher in a
# role writes a dynamic archive of the classes it loaded when its JVM exits
# (-XX:ArchiveClassesAtExit); the next run checks it once and renames it into place, and every run
# after that maps it read-only (-XX:SharedArchiveFile). The caller sets name, home, java, jdk and
# jdk_version (lib/java.sh), then calls class_archive ROLE CLASSPATH OPTIONS, which sets
# archive_options: the JVM options for that role, or nothing.
#   ROLE      daemon (the JVM that serves, for weeks: a start, in the foreground or the background)
#             or quick (a command, stop, status, --help): each loads different classes
#   OPTIONS   the JVM options the archive will be used with (the check run uses them)
# Where: EDEPOSIT_CACHE_DIR; else the directory of systemd's CacheDirectory= (CACHE_DIRECTORY);
# else /var/cache/edeposit for root, $XDG_CACHE_HOME/edeposit or ~/.cache/edeposit for a user.
# EDEPOSIT_CACHE_DIR set but empty turns it off. A directory this user cannot write: a warning on
# standard error, and the JVM runs without an archive.
# An archive's name is LAUNCHER-ROLE-KEY.jsa, KEY a checksum of what makes it valid: this Java
# (its path, JAVA_RUNTIME_VERSION, and its lib/modules and libjvm.so), the jars of lib/ (path,
# size, time, inode) and JAVA_OPTS. Any change of them is another name, so the archive is made anew.

# The magic number that starts a finished dynamic archive, as od prints it: the JVM writes the
# header (with the magic) last, so a file without it is still being written or was abandoned.
class_archive_magic=' a8 ab 0b f0'

class_archive() {
    archive_options=
    if [ "${EDEPOSIT_CACHE_DIR+set}" = set ]; then
        class_cache=$EDEPOSIT_CACHE_DIR
    elif [ -n "${CACHE_DIRECTORY:-}" ]; then
        class_cache=${CACHE_DIRECTORY%%:*}
    elif [ "$(id -u)" = 0 ]; then
        class_cache=/var/cache/edeposit
    else
        class_cache=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/edeposit
    fi
    [ -n "$class_cache" ] || return 0
    # Options that keep the JVM from mapping the JDK's own archive make a dump fail the JVM's
    # start ("unsupported when base CDS archive is not loaded"); an archive of the operator's own wins.
    case " ${JAVA_OPTS:-} " in
        *-Xshare:off* | *UseSharedSpaces* | *SharedArchiveFile* | *ArchiveClassesAtExit* | *--patch-module* | \
            *--limit-modules* | *--upgrade-module-path*) return 0 ;;
    esac
    case $class_cache in
        /*) ;;
        *) class_cache=$PWD/$class_cache ;;
    esac
    case $class_cache in
        *[!A-Za-z0-9./+_@-]*)
            echo "$name: warning: no class archive: its directory '$class_cache' has characters the JVM's options cannot carry; set EDEPOSIT_CACHE_DIR to another" >&2
            return 0 ;;
    esac
    if [ -z "${class_key:-}" ]; then
        class_key=$( {
            echo "$java $jdk_version ${JAVA_OPTS:-}"
            stat -L -c '%n %s %Y %i' "$home"/lib/*.jar "$jdk/lib/modules" "$jdk/lib/server/libjvm.so" 2>/dev/null
        } | cksum)
        class_key=${class_key%% *}
    fi
    class_file=$class_cache/$name-$1-$class_key.jsa
    if [ ! -r "$class_file" ]; then
        class_archive_adopt "$@"
    fi
    if [ -r "$class_file" ]; then
        archive_options="-XX:SharedArchiveFile=$class_file -Xshare:auto -Xlog:cds*=off"
    elif mkdir -p "$class_cache" 2>/dev/null && [ -w "$class_cache" ] && [ -x "$class_cache" ]; then
        # Dumps of this launcher and role for another key (another Java, other jars), dumps that
        # never finished, and this launcher's of the role "launch" (an earlier version's launching
        # JVM, which no longer exists), after a day: two installations sharing the directory do not
        # take turns.
        find "$class_cache" -maxdepth 1 \( -name "$name-$1-*.partial*" -o -name "$name-$1-*.jsa" \
            ! -name "$name-$1-$class_key.jsa" -o -name "$name-launch-*.jsa*" \) -mtime +0 \
            -exec rm -f {} + 2>/dev/null || :
        # Written under a name of this process (the JVM keeps its PID), so that two JVMs starting
        # together never write one file; the marker property lets a daemon that failed, or did
        # once-only work (storage's migration), disown it (ClassArchiveDump).
        archive_options="-XX:ArchiveClassesAtExit=$class_file.$$.partial -Dedeposit.classArchive=$class_file.$$.partial -Xlog:cds*=off"
    elif [ -z "${class_warned:-}" ]; then
        class_warned=yes
        echo "$name: warning: cannot write the class archive to $class_cache, so the JVM starts without one (slower); make it writable for this user, or set EDEPOSIT_CACHE_DIR to a directory that is (docs/operations.md)" >&2
    fi
}

# Renames a finished dump of an earlier run into place, once a JVM has started with it (-Xshare:on
# fails instead of running without it, and a damaged file fails the check instead of a later JVM).
# Finished dumps of other runs that started together are the same archive again: they go.
class_archive_adopt() {
    for class_partial in "$class_file".*.partial; do
        [ -f "$class_partial" ] || continue
        if [ -e "$class_partial.discard" ]; then
            rm -f "$class_partial" "$class_partial.discard" 2>/dev/null
        elif [ "$(od -An -tx1 -N4 "$class_partial" 2>/dev/null)" != "$class_archive_magic" ]; then
            : # still being written
        elif [ -r "$class_file" ]; then
            rm -f "$class_partial" 2>/dev/null
        # shellcheck disable=SC2086
        elif "$java" $3 -Xshare:on -XX:SharedArchiveFile="$class_partial" -Xlog:cds*=off -Xlog:all=off \
                -cp "$2" -version >/dev/null 2>&1; then
            mv -f "$class_partial" "$class_file" 2>/dev/null
        else
            rm -f "$class_partial" 2>/dev/null
        fi
    done
    return 0
}
