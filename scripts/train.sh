#!/usr/bin/env bash
# Trains the Rasa model only when the training data or config changed since the last model.
source "$(dirname "$0")/common.sh"

"$VENV/bin/python" -m scripts.generate_nlu  # entity synonyms and lookups from the glossary
"$VENV/bin/python" -m scripts.generate_safety_nlu  # the safety intent from the safety dev set
# The app's readings (pretrained embeddings + scikit-learn) train from the project's examples
# into var/cache/ (or are found there), so the app starts without waiting for them: three
# processes of about equal work (bot/understanding/trained.py GROUPS), beside Rasa's training, so
# both cores are busy.
say "Training the app's readings (or finding them in var/cache/)"
start=$(date +%s)
readings=()
for group in after-danger arrangement others; do
  "$VENV/bin/python" -m scripts.train_readings "$group" &
  readings+=("$!")
done
trap 'kill "${readings[@]}" 2>/dev/null || true' EXIT
want="$(fingerprint config.yml domain.yml data)"
if [ -f "$MODELS/model.tar.gz" ] && [ "$(cat "$MODELS/.fingerprint" 2>/dev/null)" = "$want" ]; then
  say "Rasa model is up to date (data unchanged)"
else
  say "Training the Rasa model (about two minutes on 2 cores)"
  "$VENV_RASA/bin/rasa" train --config config.yml --domain domain.yml --data data \
    --out "$MODELS" --fixed-model-name model --quiet
  echo "$want" > "$MODELS/.fingerprint"
  echo "$(( $(date +%s) - start ))" > "$MODELS/.train_seconds"
  say "Rasa model trained in $(cat "$MODELS/.train_seconds") s"
fi
for pid in "${readings[@]}"; do
  wait "$pid" || { say "The app's readings could not be trained (the messages above say why)"; exit 1; }
done
trap - EXIT
say "Everything trained in $(( $(date +%s) - start )) s"
