-- Issue 11: sign-in throttling per client address and per account, with a growing delay instead of a lock-out.
-- A failure row names the account by the SHA-256 of the normalised email (what was typed is never stored: a password
-- typed into the email box stays unknown, and a 1 MB "email" is 64 characters here) and the client address (IPv4, or
-- the /64 network of an IPv6 address). The old rows keyed on the typed email cannot be converted: they are dropped,
-- which forgets at most one failure window of failures.
delete from login_failure;
drop index login_failure_email_idx;
alter table login_failure drop column email;
alter table login_failure add column account_key text not null;
alter table login_failure add column address text not null;
create index login_failure_account_idx on login_failure (account_key, failed_at);
create index login_failure_address_idx on login_failure (address, failed_at);
-- the purge of failures older than the window
create index login_failure_failed_at_idx on login_failure (failed_at);
