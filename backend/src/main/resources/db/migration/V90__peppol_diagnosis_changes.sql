-- Issue 12: per-client diagnosis and the change feed of the registration refresh.

-- What each identifier (0208, 9925) answered on its own, the reasons derived from it ([{code, params}], shown by the
-- card), their codes alone (the filter peppol.reason==only_9925, answered by the GIN index) and the end of validity
-- of the invoice endpoint's certificate. Filled at each client's next conclusive check.
alter table peppol_registration
    add column identifiers           jsonb not null default '[]'::jsonb,
    add column reasons               jsonb not null default '[]'::jsonb,
    add column reason_codes          jsonb not null default '[]'::jsonb,
    add column certificate_not_after timestamptz;
create index peppol_registration_reason_codes_idx on peppol_registration using gin (reason_codes jsonb_path_ops);

-- The maintained mapping access point → receiving software (an option key of cf.peppol_software_receive).
-- Reference data from /work/shared/data/ (peppol-access-points-be.csv: access points seen serving Belgian companies,
-- with their source; peppol-software-be.csv: Belgian Peppol software): an access point is mapped only where the same
-- company publishes both the access point and the software product (the source is the access point's row). Admins
-- maintain it further in SQL; an access point absent here has no known software (no suggestion, no mismatch).
create table peppol_access_point_software (
    access_point text primary key,   -- organisation as the endpoint certificate's O names it (legal form aside)
    seat_id      text,               -- CN of the certificate when a public look-up showed it
    software_key text not null,      -- cf_option.key of the receiving-software field
    source_url   text not null
);
insert into peppol_access_point_software (access_point, seat_id, software_key, source_url) values
    ('Billit', null, 'billit', 'https://www.billit.eu/nl-be/peppol-access-point/handleiding-een-factuur-verzenden-via-peppol/'),
    ('Billtobox', null, 'billtobox', 'https://help.billtobox.com/hc/fr-be/articles/15493161292444-Comment-envoyer-une-facture-%C3%A9lectronique-%C3%A0-l-administration-publique'),
    ('IxorDocs', null, 'ixordocs', 'https://www.ixordocs.be/blog/peppol-id'),
    ('DigiConnect', null, 'digiconnect', 'https://aangetekende.email/defaultEN.aspx'),
    ('Odoo', null, 'odoo', 'https://knowledge.plutus.be/odoo-handleidingen/versies/odoo-17/peppol'),
    ('yuki works', null, 'yuki', 'https://openpeppol.atlassian.net/wiki/spaces/Belgium/pages/4611047434');

-- What refreshes changed, set-based at each write (one row per client and change). DEREGISTERED only from a
-- conclusive answer; a HELD run's downgrades only once confirmed. run_id is null for a single client's refresh.
create table peppol_change (
    id         bigserial primary key,
    client_id  uuid not null references client (id) on delete cascade,
    kind       text not null check (kind in ('REGISTERED', 'SWITCHED_ACCESS_POINT', 'DEREGISTERED', 'LOST_CREDIT_NOTES', 'CERTIFICATE_EXPIRING')),
    from_value text,
    to_value   text,
    at         timestamptz not null default now(),
    run_id     uuid references peppol_refresh_run (id) on delete set null
);
create index peppol_change_at_idx on peppol_change (at desc, id desc);
create index peppol_change_client_idx on peppol_change (client_id, at desc);
-- A certificate's coming expiry is told once (to_value is its end of validity), not every night.
create unique index peppol_change_certificate_uk on peppol_change (client_id, to_value) where kind = 'CERTIFICATE_EXPIRING';
