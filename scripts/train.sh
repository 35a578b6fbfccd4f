#!/usr/bin/env bash
# Trains the Rasa model only when the training data or config changed since the last model.
source "$(dirname "$0")/common.sh"

"$VENV/bin/python" -m scripts.generate_nlu  # entity synonyms and lookups from the glossary
"$VENV/bin/python" -m scripts.generate_safety_nlu  # the safety intent from the safety dev set
# The app's need classifier (pretrained embeddings + scikit-learn) trains from the same data:
# train it now, into var/cache/, so the app starts without waiting for it.
"$VENV/bin/python" -c "from bot.understanding import needs; needs.get_need_classifier(); needs.get_after_danger_classifier()"
want="$(fingerprint config.yml domain.yml data)"
if [ -f "$MODELS/model.tar.gz" ] && [ "$(cat "$MODELS/.fingerprint" 2>/dev/null)" = "$want" ]; then
  say "Rasa model is up to date (data unchanged)"
  exit 0
fi
say "Training the Rasa model (several minutes on 2 cores)"
start=$(date +%s)
"$VENV_RASA/bin/rasa" train --config config.yml --domain domain.yml --data data \
  --out "$MODELS" --fixed-model-name model --quiet
echo "$want" > "$MODELS/.fingerprint"
echo "$(( $(date +%s) - start ))" > "$MODELS/.train_seconds"
say "Model trained in $(cat "$MODELS/.train_seconds") s"
