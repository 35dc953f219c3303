-- The morning digest (issue 12): each staff member who opts in receives, once per Brussels day, the Peppol changes of
-- the clients they are responsible for, in their language.

-- Opt-in per user, off until the user turns it on (PATCH /api/auth/me {"peppolDigest": true}).
alter table app_user add column peppol_digest boolean not null default false;

-- The durable outbox also carries messages to users: no send, no client, the text rendered when queued (a digest is
-- written once from the changes of its day, not from a template at delivery time). The delivery workers claim,
-- retry and mark them as they do client messages.
alter table email_message
    alter column send_id drop not null,
    alter column client_id drop not null,
    add column user_id   uuid references app_user (id) on delete cascade,
    add column body_text text,
    add constraint email_message_recipient_ck check ((send_id is not null and client_id is not null)
                                                   or (send_id is null and user_id is not null and body_text is not null));

-- One row per user and Brussels day, inserted in the transaction that queues the digest's message: the primary key is
-- what makes two instances (or the job running twice) queue one digest. A day without changes keeps its row without a
-- message, so the job does not look again that day and the next digest starts where this one ended (until).
create table peppol_digest (
    user_id     uuid not null references app_user (id) on delete cascade,
    digest_date date not null,
    since       timestamptz not null,   -- changes after this instant (the previous digest's until, or 24 h before)
    until       timestamptz not null,   -- and up to this one (when the job ran)
    changes     int not null default 0,
    message_id  bigint references email_message (id) on delete set null,
    created_at  timestamptz not null default now(),
    primary key (user_id, digest_date)
);
