# Class data sharing for ./gpuc, which sources this file: the classes a compilation loads,
# parsed and verified once into an archive (Java 17's dynamic AppCDS) that every later run maps
# instead of loading them from the jars again (cli/README.md, "Start-up", has the measurements).
#
# An archive is valid only for the class path and the JVM it was made with, so its name carries
# a fingerprint of both (each class path entry's and the JVM's name, size and modification
# time). The first run that finds no archive for its fingerprint makes one, before running the
# user's command, with one training compilation (corpus kernels for the host, caching off, its
# output thrown away). Every failure is silent and costs only speed: the JVM ignores an archive
# that does not match, without a word (-Xlog:cds*=off); a read-only cli/target gets no archive;
# a run that finds another one training goes on without waiting; a failed training is not
# retried until the fingerprint changes.
#
# Needs: root, target, classpath, java, jvm_options. Sets: cds_options.

IFS=: read -ra cds_inputs <<<"$classpath"
read -r cds_key _ < <({ stat -L -c '%n %s %Y' "$(command -v "$java")" "${cds_inputs[@]}" 2>/dev/null || true; } | cksum)
cds_archive="$target/gpuc-$cds_key.jsa"
cds_failed="$target/gpuc-$cds_key.failed"

# Runs the training compilation and installs its archive (removing the ones made for other
# fingerprints), or marks the fingerprint failed. A subshell, so that its lock and its clean-up
# trap end with it.
cds_train() (
    exec 8>"$target/.cds.lock" && flock -n 8 || exit 1
    [[ -f "$cds_archive" ]] && exit 0   # another run trained while this one was checking
    work="$(mktemp -d "$target/.cds-training.XXXXXX")" || exit 1
    trap 'rm -rf "$work"' EXIT
    corpus="$root/corpus"
    # The group's stderr is /dev/null so that a crash of the training leaves no notice either.
    if { "$java" "${jvm_options[@]}" -XX:ArchiveClassesAtExit="$work/gpuc.jsa" -cp "$classpath" dev.gpuc.cli.Main \
            compile "$corpus/kernels/saxpy.cpu.ll" "$corpus/runtime-globals/symbol-compare.ll" --target cpu \
            --runtime-values "$corpus/runtime-globals/runtime-values.json" --no-cache --out-dir "$work" --json \
            >/dev/null 2>&1; } 2>/dev/null && [[ -s "$work/gpuc.jsa" ]]; then
        mv -f "$work/gpuc.jsa" "$cds_archive"   # a rename: a run mapping an old archive keeps it
        find "$target" -maxdepth 1 \( -name 'gpuc-*.jsa' -o -name 'gpuc-*.failed' \) \
            ! -name "${cds_archive##*/}" -delete
    else
        touch "$cds_failed"
    fi
)

cds_options=()
if [[ -f "$cds_archive" ]] || { [[ -w "$target" && ! -e "$cds_failed" ]] && cds_train 2>/dev/null \
        && [[ -f "$cds_archive" ]]; }; then
    cds_options=(-XX:SharedArchiveFile="$cds_archive" -Xlog:cds*=off)
fi
