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
# archive is kept (lib/class-cache.sh). Exports EDEPOSIT_DAEMON_JAVA_OPTS for a background start or
# restart: the options of the daemon's JVM (below).

name=${self##*/}
home=${self%/*}
home=${home%/*}

. "$home/lib/java.sh"

# Small daemons: the serial collector (no GC threads per core), a small initial heap that the
# serial collector keeps small while little is live (RSS about 100 MB under load instead of about
# 200 MB, docs/performance.md; 8 MiB: a young generation of under 3 MiB), small thread stacks, a bounded
# code cache, a capped heap with room for large messages, an exit (a restart, under systemd) rather
# than limping on after an OutOfMemoryError, and the C heap trimmed where the JVM can (lib/java.sh).
options="-XX:+UseSerialGC -Xms8m -Xss512k -XX:ReservedCodeCacheSize=32m -Xmx$heap -XX:+ExitOnOutOfMemoryError${native_trim:+ $native_trim}"
# The launcher's own options (jvm_options, from edeposit-dist/src/main/jvm-options.list): after the
# defaults, so that they replace one, and before JAVA_OPTS, which still wins.
options="$options${jvm_options:+ $jvm_options}"

# What is over in a moment (a command; a daemon's stop, status, --help, and the launching JVM of a
# background start or restart) starts faster with the quick compiler alone. The daemon itself runs
# for weeks, where the optimizing compiler pays off: a foreground start runs it in this JVM, so that
# keeps the full options; a background start gives the daemon's JVM the full options through
# EDEPOSIT_DAEMON_JAVA_OPTS (the child would otherwise copy this JVM's quick ones).
# role: what this JVM is (daemon or quick); child: yes when it starts the daemon's JVM.
role=quick
child=no
if [ "$profile" = daemon ]; then
    starts=no
    foreground=no
    for arg in "$@"; do
        case $arg in
            start | restart) starts=yes ;;
            --foreground | --foreground=*) foreground=yes ;;
            --*) ;;
            -*f*) foreground=yes ;; # -f, also among other short options; a false match only costs speed
        esac
    done
    if [ "$starts" = yes ]; then
        if [ "$foreground" = yes ]; then
            role=daemon
        else
            child=yes
        fi
    fi
fi
quick="-XX:TieredStopAtLevel=1"

# Class data sharing (docs/performance.md): the archive that bin/edeposit-class-archive made by hand
# for this launcher's class path and this Java, if any; else the one the launcher makes itself in a
# cache directory (lib/class-cache.sh), one for each role (the daemon's JVM, the launching JVM of a
# background start, and the other short runs). The JVM maps it instead of loading and
# verifying the classes one by one. When a hand-made archive does not fit the jars or the options
# (e.g. a heap over 32 GiB) the JVM says nothing and runs without class sharing, as with
# -Xshare:off: a little slower than without the archive.
archive=${jsa:+$home/lib/cds/$name$jsa}
daemon_archive=
quick_archive=
if [ -n "$archive" ] && [ -r "$archive" ]; then
    shared="-XX:SharedArchiveFile=$archive -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
    daemon_archive=$shared
    quick_archive=$shared
else
    . "$home/lib/class-cache.sh"
    if [ "$role" = daemon ] || [ "$child" = yes ]; then
        class_archive daemon "$home/lib/$jar" "$options"
        daemon_archive=$archive_options
    fi
    # The launching JVM of a background start reads the settings and starts a process: classes
    # that --help, status and stop never load, so it has an archive of its own.
    if [ "$child" = yes ]; then
        class_archive launch "$home/lib/$jar" "$options $quick"
        quick_archive=$archive_options
    elif [ "$role" = quick ]; then
        class_archive quick "$home/lib/$jar" "$options $quick"
        quick_archive=$archive_options
    fi
fi

if [ "$child" = yes ]; then
    EDEPOSIT_DAEMON_JAVA_OPTS="$options $daemon_archive ${JAVA_OPTS:-}"
    export EDEPOSIT_DAEMON_JAVA_OPTS
fi
if [ "$role" = daemon ]; then
    options="$options $daemon_archive"
else
    options="$options $quick $quick_archive"
fi

# JAVA_OPTS is split at blanks, as usual, but never expanded as a file pattern.
set -f
# shellcheck disable=SC2086
exec "$java" $options ${JAVA_OPTS:-} -cp "$home/lib/$jar" "$main" "$@"
