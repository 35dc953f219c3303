-- Seeds the bench database: the PEPPOL category (kept if the migrations already created it), ten other
-- custom fields of mixed types, :clients clients (psql -v clients=N; 100,000 by default) with realistic proportions
-- and their custom-field values (client_fields), their Peppol registrations and a history of registration changes
-- over the last 60 days. Set-based (one INSERT ... SELECT per table); deterministic (setseed). The maintained counts'
-- triggers are off during the load and the counts are rebuilt once at the end (client_count_rebuild), as cheap as one
-- more pass.
\set ON_ERROR_STOP 1
\if :{?clients}
\else
\set clients 100000
\endif
select setseed(0.4242);

insert into cf_category (key, labels, position, show_in_client_list)
values ('peppol', '{"fr": "PEPPOL", "nl": "PEPPOL", "en": "PEPPOL"}', 0, true)
on conflict (key) do update set show_in_client_list = true;

insert into cf_field (category_id, key, labels, type, position)
select c.id, f.key, f.labels::jsonb, f.type, f.position
  from cf_category c,
       (values ('peppol_registered', '{"fr": "Enregistré sur PEPPOL", "nl": "Geregistreerd op PEPPOL", "en": "Registered on PEPPOL"}', 'SYSTEM', 0),
               ('peppol_software_receive', '{"fr": "Logiciel pour la réception PEPPOL", "nl": "Software voor PEPPOL-ontvangst", "en": "PEPPOL receiving software"}', 'SELECT', 1),
               ('peppol_ready', '{"fr": "« PEPPOL ready » ?", "nl": "« PEPPOL ready » ?", "en": "PEPPOL ready?"}', 'BOOLEAN', 3),
               ('peppol_comments', '{"fr": "Commentaire(s)", "nl": "Opmerking(en)", "en": "Comments"}', 'LONG_TEXT', 4)) as f(key, labels, type, position)
 where c.key = 'peppol'
on conflict (key) do nothing;
insert into cf_field (category_id, key, labels, type, position, option_source_field_id)
select c.id, 'peppol_software_send', '{"fr": "Logiciel pour l''envoi via PEPPOL", "nl": "Software voor verzending via PEPPOL", "en": "PEPPOL sending software"}',
       'SELECT', 2, (select id from cf_field where key = 'peppol_software_receive')
  from cf_category c where c.key = 'peppol'
on conflict (key) do nothing;

insert into cf_option (field_id, key, labels, position)
select f.id, s.key, jsonb_build_object('fr', s.name, 'nl', s.name, 'en', s.name), s.position
  from cf_field f,
       (values ('billit', 'Billit', 0), ('banqup', 'Banqup', 1), ('exact_online', 'Exact Online', 2), ('odoo', 'Odoo', 3),
               ('yuki', 'Yuki', 4), ('octopus', 'Octopus', 5), ('winbooks', 'WinBooks', 6), ('accountable', 'Accountable', 7),
               ('teamleader', 'Teamleader', 8), ('horus', 'Horus', 9), ('clearfacts', 'ClearFacts', 10), ('bob50', 'BOB 50', 11)) as s(key, name, position)
 where f.key = 'peppol_software_receive'
on conflict (field_id, key) do nothing;

insert into cf_category (key, labels, position, show_in_client_list)
values ('bench', '{"fr": "Suivi interne", "nl": "Interne opvolging", "en": "Internal follow-up"}', 10, true)
on conflict (key) do nothing;
insert into cf_field (category_id, key, labels, type, position)
select c.id, f.key, jsonb_build_object('fr', f.label, 'nl', f.label, 'en', f.label), f.type, f.position
  from cf_category c,
       (values ('file_code', 'Code dossier', 'TEXT', 0), ('contact_person', 'Personne de contact', 'TEXT', 1),
               ('annual_fee', 'Honoraires annuels', 'NUMBER', 2), ('employees', 'Employés', 'NUMBER', 3),
               ('onboarding_date', 'Date d''entrée', 'DATE', 4), ('year_end', 'Clôture', 'DATE', 5),
               ('mandate_signed', 'Mandat signé', 'BOOLEAN', 6), ('office', 'Bureau', 'SELECT', 7),
               ('vat_regime', 'Régime TVA', 'SELECT', 8), ('services', 'Services', 'MULTI_SELECT', 9)) as f(key, label, type, position)
 where c.key = 'bench'
on conflict (key) do nothing;
insert into cf_option (field_id, key, labels, position)
select f.id, o.key, jsonb_build_object('fr', o.key, 'nl', o.key, 'en', o.key), o.position
  from cf_field f join (values
        ('office', 'namur', 0), ('office', 'liege', 1), ('office', 'bruxelles', 2), ('office', 'gent', 3),
        ('office', 'antwerpen', 4), ('office', 'leuven', 5), ('office', 'mons', 6), ('office', 'arlon', 7),
        ('vat_regime', 'monthly', 0), ('vat_regime', 'quarterly', 1), ('vat_regime', 'franchise', 2), ('vat_regime', 'exempt', 3),
        ('services', 'accounting', 0), ('services', 'payroll', 1), ('services', 'tax', 2), ('services', 'legal', 3), ('services', 'audit', 4)
       ) as o(field, key, position) on o.field = f.key
on conflict (field_id, key) do nothing;

-- The clients, their registrations and history, loaded with the count triggers off (one session, one transaction).
begin;
alter table client disable trigger client_count_ins;
alter table client_fields disable trigger fields_count_ins;
alter table peppol_registration disable trigger registration_count_ins;
alter table client_history disable trigger history_day_ins;
with soft as (select array_agg(o.key order by o.position, o.key) as keys
                from cf_option o join cf_field f on f.id = o.field_id where f.key = 'peppol_software_receive'),
     s as (select i, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8,
                  random() r9, random() r10, random() r11, random() r12, random() r13, random() r14, random() r15
             from generate_series(1, :clients) i),
     -- the id ties each client to its fields row; k is computed once (volatile), so both inserts read the same draws
     k as (select s.*, lpad((1000000 + i * 7)::text, 8, '0') as base, gen_random_uuid() as id from s),
     -- the client here and its fields row below, in one statement (the client's foreign key to client_fields is
     -- checked at commit; theirs to client at the statement's end)
     c as (insert into client (id, reference, name, type, legal_form, enterprise_number, vat_number, vat_liable, email,
                               language, street, postal_code, city, country, status, created_at, updated_at)
select id, 'BENCH-' || lpad(i::text, 7, '0'),
       (array['Boulangerie', 'Garage', 'Cabinet', 'Pharmacie', 'Bureau', 'Atelier', 'Brasserie', 'Immo', 'Transport', 'Bakkerij'])[1 + (i % 10)]
           || ' ' || (array['Dupont', 'Peeters', 'Janssens', 'Maes', 'Dubois', 'Lambert', 'Martin', 'Claes', 'Wouters', 'Leroy'])[1 + ((i / 10) % 10)]
           || ' ' || i,
       case when r1 < 0.85 then 'COMPANY' else 'PERSON' end,
       case when r1 < 0.85 then (array['SRL', 'SA', 'SC', 'ASBL', 'BV', 'NV'])[1 + (i % 6)] end,
       case when r2 < 0.9 then base || lpad((97 - (base::bigint % 97))::text, 2, '0') end,
       case when r2 < 0.9 and r3 < 0.85 then 'BE' || base || lpad((97 - (base::bigint % 97))::text, 2, '0') end,
       r2 < 0.9 and r3 < 0.85,
       case when r4 < 0.92 then 'client' || i || '@example.be' end,
       case when r5 < 0.55 then 'fr' when r5 < 0.95 then 'nl' when r5 < 0.98 then 'en' else 'de' end,
       'Rue ' || (i % 300) || ' ' || (i % 97 + 1),
       (1000 + (i % 8999))::text,
       (array['Namur', 'Liège', 'Bruxelles', 'Gent', 'Antwerpen', 'Leuven', 'Mons', 'Arlon', 'Brugge', 'Charleroi'])[1 + (i % 10)],
       'BE',
       case when r6 < 0.95 then 'ACTIVE' else 'ARCHIVED' end,
       now() - (r8 * 1000 || ' days')::interval, now()
  from k)
insert into client_fields (client_id, custom_fields)
select k.id,
       jsonb_strip_nulls(jsonb_build_object(
           'peppol_registered', case when r7 < 0.6 then (array['Banqup', 'Banqup', 'Billit', 'Billit', 'Unifiedpost', 'Odoo', 'Exact', 'Codabox', 'Yuki', 'Dokapi'])[1 + floor(r8 * 10)::int] end,
           'peppol_software_receive', case when r9 < 0.75 then soft.keys[1 + floor(r10 * array_length(soft.keys, 1))::int] end,
           'peppol_software_send', case when r11 < 0.65 then soft.keys[1 + floor(r12 * array_length(soft.keys, 1))::int] end,
           'peppol_ready', case when r13 < 0.5 then true when r13 < 0.8 then false end,
           'peppol_comments', case when r14 < 0.1 then 'Relancé par téléphone, attend la réponse de son comptable' end,
           'file_code', 'D-' || lpad(i::text, 7, '0'),
           'contact_person', case when r15 < 0.7 then (array['Marie', 'Jan', 'Luc', 'Sofie', 'Pierre', 'An'])[1 + (i % 6)] || ' ' || (array['Dupont', 'Peeters', 'Maes'])[1 + (i % 3)] end,
           'annual_fee', round((500 + r1 * 9500)::numeric, 2),
           'employees', case when r2 < 0.8 then floor(r3 * 200)::int end,
           'onboarding_date', case when r4 < 0.9 then to_char(date '2010-01-01' + floor(r5 * 5800)::int, 'YYYY-MM-DD') end,
           'year_end', to_char(date '2025-03-31' + (((i % 4) * 3) || ' months')::interval, 'YYYY-MM-DD'),
           'mandate_signed', r6 < 0.7,
           'office', (array['namur', 'liege', 'bruxelles', 'gent', 'antwerpen', 'leuven', 'mons', 'arlon'])[1 + (i % 8)],
           'vat_regime', case when r2 < 0.9 and r3 < 0.85 then (array['monthly', 'quarterly', 'quarterly', 'quarterly', 'franchise'])[1 + (i % 5)] end,
           'services', case when r7 < 0.8 then (array['["accounting"]', '["accounting", "tax"]', '["accounting", "payroll"]', '["payroll"]', '["accounting", "tax", "legal"]'])[1 + (i % 5)]::jsonb end))
  from k, soft;

-- Registrations: those with an access point are registered; the others mostly not registered.
insert into peppol_registration (client_id, status, participant_id, access_point_name, can_receive_invoices, checked_at, last_change_at)
select c.id,
       case when f.custom_fields ? 'peppol_registered' then 'REGISTERED'
            when c.enterprise_number is null then 'NO_IDENTIFIER'
            when abs(hashtext(c.id::text)) % 10 = 0 then 'HERMES_ONLY'
            else 'NOT_REGISTERED' end,
       case when c.enterprise_number is not null then '0208:' || c.enterprise_number end,
       f.custom_fields ->> 'peppol_registered',
       f.custom_fields ? 'peppol_registered',
       now() - interval '5 hours', now() - (abs(hashtext(c.id::text)) % 60 || ' days')::interval
  from client c join client_fields f on f.client_id = c.id;

-- History: first look-up 60 days ago, then the change to REGISTERED on a day of the last 60.
insert into client_history (client_id, at, actor_name, kind, field, old_value, new_value)
select client_id, now() - interval '60 days', 'system', 'PEPPOL', 'peppol.status', null,
       to_jsonb(case when status = 'REGISTERED' then 'NOT_REGISTERED' else status end)
  from peppol_registration;
insert into client_history (client_id, at, actor_name, kind, field, old_value, new_value)
select client_id, last_change_at, 'system', 'PEPPOL', 'peppol.status', '"NOT_REGISTERED"', '"REGISTERED"'
  from peppol_registration where status = 'REGISTERED';

-- the clients' deferred check of their fields rows, now: ALTER TABLE refuses a table with pending trigger events
set constraints client_has_fields immediate;
alter table client enable trigger client_count_ins;
alter table client_fields enable trigger fields_count_ins;
alter table peppol_registration enable trigger registration_count_ins;
alter table client_history enable trigger history_day_ins;
select client_count_rebuild();
-- what BENCH_REUSE=1 checks before it reuses this database; runs counts the benches run on it (scripts/bench/bench.py)
create table bench_seed (clients bigint not null, runs int not null default 0);
insert into bench_seed (clients) values (:clients);
commit;
