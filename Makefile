# Thin targets; the work is in scripts/.
.PHONY: run test test-backend test-frontend e2e screenshots bench openapi build clean

run:            ## start PostgreSQL (if needed), the backend and the SPA on http://localhost:8080
	scripts/run.sh

test:           ## build everything and run every test (backend, frontend unit, browser)
	scripts/test.sh

test-backend:   ## backend tests only
	scripts/test-backend.sh

test-frontend:  ## frontend type check, lint, unit tests and browser tests
	scripts/test-frontend.sh

e2e:            ## browser tests only (builds the jar with the SPA)
	scripts/test-e2e.sh

screenshots:    ## browser tests that also renew docs/screenshots/ (1280×800, French)
	E2E_SCREENSHOTS=$(CURDIR)/docs/screenshots scripts/test-e2e.sh

bench:          ## seed BENCH_CLIENTS clients (100,000) in a separate database and print the figures
	scripts/bench.sh

openapi:        ## rewrite openapi.yaml from what the backend serves
	scripts/openapi.sh

build:
	scripts/build.sh

clean:
	cd backend && mvn -q clean; rm -rf frontend/dist
