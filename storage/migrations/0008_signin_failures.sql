-- Wrong passwords in a row per login (model.Key of what was typed, known
-- login or not), so the wait they impose (model.SignInDelay) survives a
-- restart of the program. A correct sign-in deletes the row; rows whose
-- last failure is a day old are dropped on the next failure of any login.

CREATE TABLE signin_failures (
    login_key       TEXT    PRIMARY KEY,
    failures        INTEGER NOT NULL CHECK (failures > 0),
    last_failure_at TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX signin_failures_last ON signin_failures (last_failure_at);
