#!/usr/bin/env bash
# Renders a "target speaker" dataset the farm can train a voice on: every sentence of
# sentences.txt spoken by eSpeak NG's voice variant en-us+f3, pitch 70, speed 160 (a different
# speaker from the base en-us voice the farm synthesises with), in LJSpeech layout
# (metadata.csv + wavs/<id>.wav), zipped with the JDK's jar tool. The last HELD_OUT sentences are
# not in the zip: with HELD_OUT_DIR they are written there as <n>.wav + <n>.txt (n = 1, 2, 3 in
# the order of sentences.txt) to evaluate a trained voice on text it has not seen.
#
# usage: deploy/voices/make-dataset.sh OUT.zip [HELD_OUT_DIR]
# needs: espeak-ng, jar (JDK)        env: FARM_DATASET_SENTENCES (default: sentences.txt here)
set -euo pipefail

VOICE=en-us+f3
PITCH=70
SPEED=160
HELD_OUT=3
SAMPLE_BYTES_PER_SECOND=44100   # eSpeak NG writes 22050 Hz, mono, 16-bit

die() { echo "make-dataset: $*" >&2; exit 1; }

[[ $# -ge 1 && $# -le 2 && $1 != -* ]] || die "usage: $0 OUT.zip [HELD_OUT_DIR]"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sentences=${FARM_DATASET_SENTENCES:-$here/sentences.txt}
out=$(realpath -m -- "$1")
held_dir=${2:+$(realpath -m -- "$2")}
command -v espeak-ng >/dev/null || die "espeak-ng is missing (apt-get install espeak-ng)"
command -v jar >/dev/null || die "jar is missing (it comes with the JDK)"
[[ -f $sentences ]] || die "$sentences not found"

mapfile -t lines < <(grep -v '^[[:space:]]*$' "$sentences")
total=${#lines[@]}
train=$((total - HELD_OUT))
((train >= 10)) || die "$sentences has $total sentences; the dataset needs at least 10 plus $HELD_OUT held out"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/dataset/wavs"

# Renders sentence $1 into WAV file $2 and prints its length in seconds.
render() {
  printf '%s\n' "$1" | espeak-ng -v "$VOICE" -p "$PITCH" -s "$SPEED" --stdin -w "$2"
  local bytes
  bytes=$(stat -c %s "$2")
  LC_ALL=C awk -v b="$bytes" -v r="$SAMPLE_BYTES_PER_SECOND" 'BEGIN { printf "%.3f", (b - 44) / r }'
}

seconds=0
for ((i = 0; i < train; i++)); do
  text=${lines[i]}
  [[ $text != *'|'* ]] || die "sentence $((i + 1)) contains '|', the metadata separator"
  id=$(printf 'target%03d' $((i + 1)))
  length=$(render "$text" "$work/dataset/wavs/$id.wav")
  LC_ALL=C awk -v s="$length" 'BEGIN { exit !(s >= 1 && s <= 30) }' \
    || die "sentence $((i + 1)) renders to $length s; clips must last 1 to 30 s"
  printf '%s|%s\n' "$id" "$text" >>"$work/dataset/metadata.csv"
  seconds=$(LC_ALL=C awk -v a="$seconds" -v b="$length" 'BEGIN { printf "%.3f", a + b }')
done

mkdir -p "$(dirname "$out")"
rm -f "$out"
jar --create --no-manifest --file "$out" -C "$work/dataset" .
echo "$out: $train clips, $seconds s of audio ($VOICE -p $PITCH -s $SPEED, LJSpeech layout)"

if [[ -n $held_dir ]]; then
  mkdir -p "$held_dir"
  for ((i = train; i < total; i++)); do
    n=$((i - train + 1))
    printf '%s\n' "${lines[i]}" >"$held_dir/$n.txt"
    length=$(render "${lines[i]}" "$held_dir/$n.wav")
    echo "held out: $held_dir/$n.wav ($length s) + $n.txt"
  done
fi
