# The Kinship Local Offer assistant. `make help` lists what you can do.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PY := .venv/bin/python

.PHONY: help install run serve train test lint format content-check migrate bench eval lock clean

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

install: ## Install both Python environments (.venv 3.11, .venv-rasa 3.10) from the lock files
	@bash scripts/setup.sh

run: ## Install if needed, train if needed, migrate, start Rasa + the app, open http://127.0.0.1:8000/
	@bash scripts/run.sh

serve: ## Production start (docs/production.md): checks, migrates, starts RASA_INSTANCES Rasa + APP_WORKERS app workers; never installs or trains
	@bash scripts/serve.sh

train: install ## Train the Rasa model if its data or config changed
	@bash scripts/train.sh

test: ## Run every test: Rasa data validation, conversation tests, pytest (real Rasa, PostgreSQL, Chromium)
	@bash scripts/test.sh

lint: install ## Lint and check formatting (ruff)
	@.venv/bin/ruff check bot actions scripts tests
	@.venv/bin/ruff format --check bot actions scripts tests

format: install ## Fix lint and formatting where ruff can
	@.venv/bin/ruff check --fix bot actions scripts tests
	@.venv/bin/ruff format bot actions scripts tests

content-check: install ## Check the offer content and explain any problem in plain words
	@$(PY) -m scripts.content_check

migrate: install ## Bring the database (DATABASE_URL, default var/app.db) up to date
	@$(PY) -m bot.db.migrate

bench: install ## Benchmarks (print figures; not tests)
	@bash scripts/bench.sh

eval: train ## How first messages are understood (prints figures): the frozen blind sets, or SETS=...yaml
	@$(PY) -m scripts.eval_first_messages $(SETS)

lock: ## Re-pin requirements/*.lock from requirements/*.in (then commit the lock files)
	@bash scripts/lock.sh

clean: ## Remove generated files (models, databases, caches); keeps the environments
	rm -rf models var results .pytest_cache .ruff_cache

.PHONY: backup restore

backup: ## Back up both databases and the content pack: one dated archive (mode 600; encrypted with BACKUP_KEY) in DIR, BACKUP_DIR or ~/kinship-backups
	@$(PY) -m scripts.backup create $(if $(DIR),--to "$(DIR)")

restore: ## Restore FILE=kinship-backup-....tar.gz[.enc] (stop the assistant first; FORCE=1 replaces data; docs/production.md §9)
	@test -n "$(FILE)" || { echo "make restore: say which backup, e.g. make restore FILE=~/kinship-backups/kinship-backup-20270115T020000Z.tar.gz.enc" >&2; exit 1; }
	@$(PY) -m scripts.backup restore "$(FILE)" $(if $(FORCE),--force) $(if $(NO_CONTENT),--no-content)
