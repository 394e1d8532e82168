# The body shared by every launcher in bin/ (POSIX sh). A launcher sets these, then sources it:
#   self     the launcher's own path with symlinks resolved, so the distribution is found from
#            any working directory and through a link such as /usr/local/bin/edeposit-downloaderd
#   main     the Java main class
#   profile  daemon (runs for long) or command (runs for a moment)
#   heap     the default maximum heap, e.g. 512m
#   jvm_options  (optional) the launcher's own JVM options, from edeposit-dist/src/main/jvm-options.list
#   jar      the jar of the launcher's module in lib/, the whole class path: its manifest's Class-Path
#            names the jars of lib/ that the module needs, and only those (no other daemon's)
# Environment: JAVA_HOME (else the java on PATH; lib/java.sh); JAVA_OPTS, added after the defaults
# so that they win (JAVA_OPTS=-Xmx1g replaces the default heap); EDEPOSIT_CACHE_DIR, where the class
# archive is kept (lib/class-cache.sh).

name=${self##*/}
home=${self%/*}
home=${home%/*}

. "$home/lib/java.sh"

# Small daemons: the serial collector (no GC threads per core), a small initial heap that the
# serial collector keeps small while little is live (RSS about 100 MB under load instead of about
# 200 MB, docs/performance.md; 8 MiB: a young generation of under 3 MiB), small thread stacks, a bounded
# code cache, a capped heap with room for large messages, an exit (a restart, under systemd) rather
# than limping on after an OutOfMemoryError, and the C heap trimmed where the JVM can (lib/java.sh).
# picocli.disable.closures: else picocli's first command line looks for Groovy's closure class, and
# the class loader, not finding it, opens every jar of the class path and reads its manifest (about
# a tenth of a --help's CPU, docs/performance.md, "What picocli costs").
options="-XX:+UseSerialGC -Xms8m -Xss512k -XX:ReservedCodeCacheSize=32m -Xmx$heap -XX:+ExitOnOutOfMemoryError${native_trim:+ $native_trim} -Dpicocli.disable.closures=true"
# The launcher's own options (jvm_options, from edeposit-dist/src/main/jvm-options.list): after the
# defaults, so that they replace one, and before JAVA_OPTS, which still wins.
options="$options${jvm_options:+ $jvm_options}"

# What is over in a moment (a command; a daemon's stop, status, --help) starts faster with the quick
# compiler alone. The daemon itself runs for weeks, where the optimizing compiler pays off: a start,
# in the foreground or the background, runs it in this launcher's one JVM with the full options.
# role: what this JVM is (daemon or quick); detach: yes for a background start or restart (below).
role=quick
detach=no
if [ "$profile" = daemon ]; then
    starts=no
    foreground=no
    help=no
    for arg in "$@"; do
        case $arg in
            start | restart) starts=yes ;;
            --foreground | --foreground=*) foreground=yes ;;
            --help | --version) help=yes ;;
            --*) ;;
            -*) # short options, alone or together; a false match only costs speed
                case $arg in *f*) foreground=yes ;; esac
                case $arg in *[hV]*) help=yes ;; esac ;;
        esac
    done
    # start -f --help shows the options of the daemon's JVM; start --help is over in a moment.
    if [ "$starts" = yes ] && [ "$foreground" = yes ]; then
        role=daemon
    elif [ "$starts" = yes ] && [ "$help" = no ]; then
        role=daemon
        detach=yes
    fi
fi
# No hsperfdata file either (-XX:-UsePerfData: about 3 % of a --help's CPU here, docs/performance.md,
# "What picocli costs"): nobody attaches jcmd or jstat to a JVM that is over in a moment. The
# daemon's own JVM keeps it, for the operators' jcmd and jstat.
quick="-XX:TieredStopAtLevel=1 -XX:-UsePerfData"

# Class data sharing (docs/performance.md): the archive that bin/edeposit-class-archive made by hand
# for this launcher's class path and this Java, if any; else the one the launcher makes itself in a
# cache directory (lib/class-cache.sh), one for each role (the daemon's JVM, and the short runs).
# The JVM maps it instead of loading and verifying the classes one by one. When a hand-made archive
# does not fit the jars or the options (e.g. a heap over 32 GiB) the JVM says nothing and runs
# without class sharing, as with -Xshare:off: a little slower than without the archive.
archive=${jsa:+$home/lib/cds/$name$jsa}
if [ -n "$archive" ] && [ -r "$archive" ]; then
    archive_options="-XX:SharedArchiveFile=$archive -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
else
    . "$home/lib/class-cache.sh"
    if [ "$role" = daemon ]; then
        class_archive daemon "$home/lib/$jar" "$options"
    else
        class_archive quick "$home/lib/$jar" "$options $quick"
    fi
fi
if [ "$role" = daemon ]; then
    options="$options $archive_options"
else
    options="$options $quick $archive_options"
fi

# JAVA_OPTS is split at blanks, as usual, but never expanded as a file pattern.
set -f
if [ "$detach" = no ]; then
    # shellcheck disable=SC2086
    exec "$java" $options ${JAVA_OPTS:-} -cp "$home/lib/$jar" "$main" "$@"
fi

# A background start or restart (docs/operations.md): the daemon's JVM, in a session of its own
# (setsid: no SIGHUP when the terminal closes, no Ctrl-C from it), writes what it has to say on a
# pipe for each stream, which this shell copies to its own standard output and error (the texts
# of docs/wire-protocol.md keep their streams), until it has started (or timed out, still trying)
# and points its output at its log file (DetachedStart in edeposit-core). Then it has left its exit
# status in the private directory EDEPOSIT_START_REPORT names; if it did not, it has ended, and its
# own exit status is the launcher's. A Ctrl-C of this shell ends only the shell: the daemon goes on
# starting, into its log. The directory goes on every way out of this shell.
report=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX") || exit 1
trap 'rm -rf "$report"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
mkfifo -m 600 "$report/out" "$report/err" || exit 1
# setsid execs without a fork (a job of a script is no process group's leader), and so does env: $! is
# the JVM. An asynchronous job of a script ignores SIGINT, which the daemon stops on: env gives it back.
session=
[ -x /usr/bin/setsid ] && session=/usr/bin/setsid
default_int=
env --default-signal=INT true 2>/dev/null && default_int="env --default-signal=INT"
# shellcheck disable=SC2086
EDEPOSIT_START_REPORT=$report $session $default_int "$java" $options ${JAVA_OPTS:-} -cp "$home/lib/$jar" \
    "$main" "$@" </dev/null >"$report/out" 2>"$report/err" &
pid=$!
cat "$report/out" &
out=$!
cat "$report/err" >&2
wait "$out"
if [ -s "$report/status" ]; then
    read -r status <"$report/status"
    exit "$status"
fi
wait "$pid"
