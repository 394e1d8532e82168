# Finds the Java of the launchers and of bin/edeposit-class-archive (POSIX sh, sourced). The caller
# sets name (for messages) and home (the distribution); this sets:
#   java     JAVA_HOME/bin/java, else the java on PATH (or exits 1 with a one-line message)
#   jsa      how the class data sharing archives for exactly this Java build end: a launcher's
#            is home/lib/cds/LAUNCHER-java-JAVA_RUNTIME_VERSION.jsa, whether it exists or not (one
#            per launcher, as an archive holds one class path); empty when the version is unknown or
#            the path has blanks (the JVM options are split at blanks)
#   native_trim  the options that make the JVM give the C heap glibc keeps back every second, on the
#            builds that know -XX:TrimNativeHeapInterval; else empty (an unknown option fails the start)

if [ -n "${JAVA_HOME:-}" ]; then
    java=$JAVA_HOME/bin/java
    if [ ! -x "$java" ]; then
        echo "$name: JAVA_HOME is '$JAVA_HOME', but $java is not an executable; point JAVA_HOME at Java 17 or later, or unset it" >&2
        exit 1
    fi
    jdk=$JAVA_HOME
elif ! java=$(command -v java); then
    echo "$name: no Java found: install Java 17 or later (Debian: apt-get install openjdk-17-jre-headless), or set JAVA_HOME" >&2
    exit 1
else
    jdk=$(readlink -f -- "$java") || jdk=
    jdk=${jdk%/bin/java}
fi

# The archive is only valid for the Java build that made it: after an upgrade of Java the name no
# longer matches and the launchers run as without it, until bin/edeposit-class-archive runs again.
jdk_version=
if [ -n "$jdk" ] && [ -r "$jdk/release" ]; then
    while IFS='=' read -r key value; do
        if [ "$key" = JAVA_RUNTIME_VERSION ]; then
            jdk_version=${value#\"}
            jdk_version=${jdk_version%\"}
        fi
    done <"$jdk/release"
fi
case $jdk_version$home in
    '' | *[!A-Za-z0-9./+_-]*) jsa= ;;
    *) jsa=-java-$jdk_version.jsa ;;
esac

# glibc keeps the C heap that the JIT compiler freed; -XX:TrimNativeHeapInterval makes the JVM give it back
# (docs/performance.md, "Memory"). OpenJDK has it from 17.0.9, 21.0.1 and 22 on, experimental until
# 17.0.12 and 21.0.4 (hence the unlock, harmless where it is a product option); 18 to 20 and older 17
# and 21 builds do not know it. JAVA_RUNTIME_VERSION is FEATURE[.INTERIM[.UPDATE]][+BUILD][-OPT].
jdk_feature=${jdk_version%%[!0-9]*}
jdk_update=0
case $jdk_version in
    "$jdk_feature".[0-9]*.[0-9]*)
        jdk_update=${jdk_version#"$jdk_feature".*.}
        jdk_update=${jdk_update%%[!0-9]*} ;;
esac
native_trim=
if [ -n "$jdk_feature" ] && [ -n "$jdk_update" ]; then
    if [ "$jdk_feature" -ge 22 ] || { [ "$jdk_feature" -eq 21 ] && [ "$jdk_update" -ge 1 ]; } ||
        { [ "$jdk_feature" -eq 17 ] && [ "$jdk_update" -ge 9 ]; }; then
        native_trim="-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=1000"
    fi
fi
