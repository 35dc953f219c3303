-- The standard PEPPOL category with its five fields, the shared software list, and a demo "Dossier" category.
insert into cf_category (key, labels, position, show_in_client_list)
values ('peppol', '{"fr": "PEPPOL", "nl": "PEPPOL", "en": "PEPPOL"}', 0, true),
       ('dossier', '{"fr": "Dossier", "nl": "Dossier", "en": "File"}', 10, false);

insert into cf_field (category_id, key, labels, type, required, position)
select c.id, f.key, f.labels::jsonb, f.type, false, f.position
  from cf_category c,
       (values ('peppol_registered', '{"fr": "Enregistré sur PEPPOL", "nl": "Geregistreerd op PEPPOL", "en": "Registered on PEPPOL"}', 'SYSTEM', 10),
               ('peppol_software_receive', '{"fr": "Logiciel pour la réception PEPPOL", "nl": "Software voor PEPPOL-ontvangst", "en": "Software for receiving via PEPPOL"}', 'SELECT', 20),
               ('peppol_software_send', '{"fr": "Logiciel pour l''envoi via PEPPOL", "nl": "Software voor verzending via PEPPOL", "en": "Software for sending via PEPPOL"}', 'SELECT', 30),
               ('peppol_ready', '{"fr": "« PEPPOL ready » ?", "nl": "« PEPPOL ready »?", "en": "“PEPPOL ready”?"}', 'BOOLEAN', 40),
               ('peppol_comments', '{"fr": "Commentaire(s)", "nl": "Opmerking(en)", "en": "Comment(s)"}', 'LONG_TEXT', 50)
       ) as f(key, labels, type, position)
 where c.key = 'peppol';

-- Both software fields offer one shared, editable list owned by the "receive" field.
update cf_field set option_source_field_id = (select id from cf_field where key = 'peppol_software_receive')
 where key = 'peppol_software_send';

insert into cf_option (field_id, key, labels, position)
select f.id, o.key,
       case when o.key = 'other' then '{"fr": "Autre", "nl": "Andere", "en": "Other"}'::jsonb
            else jsonb_build_object('fr', o.name, 'nl', o.name, 'en', o.name) end,
       o.position
  from cf_field f,
       (values
    ('accountable', 'Accountable', 10),
    ('admin_pulse', 'Admin Pulse', 20),
    ('adfinity', 'Adfinity', 30),
    ('afas', 'AFAS', 40),
    ('b2brouter', 'B2Brouter', 50),
    ('banqup', 'Banqup', 60),
    ('billit', 'Billit', 70),
    ('billtobox', 'Billtobox', 80),
    ('cashfeed', 'Cashfeed', 90),
    ('clearfacts', 'Clearfacts', 100),
    ('creative_shelter', 'Creative Shelter', 110),
    ('dexxter', 'Dexxter', 120),
    ('digiconnect', 'DigiConnect', 130),
    ('doccle', 'Doccle', 140),
    ('dokapi', 'Dokapi', 150),
    ('easytimi', 'easyTimi', 160),
    ('estica', 'Estica', 170),
    ('exact_online', 'Exact Online', 180),
    ('fiskaly', 'fiskaly', 190),
    ('ixordocs', 'IxorDocs', 200),
    ('klippa', 'Klippa DocHorizon', 210),
    ('lucy', 'Lucy', 220),
    ('octopus', 'Octopus', 230),
    ('odoo', 'Odoo', 240),
    ('okioki', 'OkiOki', 250),
    ('onfact', 'onFact', 260),
    ('peppyrus', 'Peppyrus', 270),
    ('qvalia', 'Qvalia', 280),
    ('recommand', 'Recommand', 290),
    ('sage', 'Sage', 300),
    ('silvasoft', 'Silvasoft', 310),
    ('teamleader', 'Teamleader Focus', 320),
    ('trustup_pro', 'Trustup Pro', 330),
    ('winbooks', 'WinBooks', 340),
    ('wings', 'Wings', 350),
    ('xero', 'Xero', 360),
    ('yuki', 'Yuki', 370),
    ('other', null, 1000)
       ) as o(key, name, position)
 where f.key = 'peppol_software_receive';

insert into cf_field (category_id, key, labels, type, required, position)
select c.id, f.key, f.labels::jsonb, f.type, false, f.position
  from cf_category c,
       (values ('engagement_date', '{"fr": "Date de la lettre de mission", "nl": "Datum opdrachtbrief", "en": "Engagement letter date"}', 'DATE', 10),
               ('employee_count', '{"fr": "Nombre de salariés", "nl": "Aantal werknemers", "en": "Number of employees"}', 'NUMBER', 20),
               ('accounting_contact', '{"fr": "Contact comptable", "nl": "Boekhoudkundig contact", "en": "Accounting contact"}', 'TEXT', 30),
               ('mandate_document', '{"fr": "Mandat signé", "nl": "Ondertekend mandaat", "en": "Signed mandate"}', 'DOCUMENT', 40)
       ) as f(key, labels, type, position)
 where c.key = 'dossier';
