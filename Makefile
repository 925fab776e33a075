# The two commands of the README's Quick start. Both install what a fresh
# machine lacks first (scripts/ensure-deps), then call cargo.
#
#   make run    run the daemon on the bundled demo station (airs every minute)
#   make test   run the test suite
#
# OUTPUT=wav:/tmp/air.wav make run   records to a file instead of the sound card.

OUTPUT ?=
CONFIG ?= config/demo.toml

.PHONY: run test deps

deps:
	@scripts/ensure-deps

# The built binary is run directly (not `cargo run`, which sets LOA_LANG=en
# for the tests, see .cargo/config.toml), so it speaks the locale's language.
run: deps
	cargo build --release
	target/release/loa run -c $(CONFIG) $(if $(OUTPUT),--output $(OUTPUT))

test: deps
	scripts/run-tests
