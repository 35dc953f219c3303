-- Email (issue 9): templates per language, sends to a selection, one message row per recipient.

create table email_template (
    id          uuid primary key default gen_random_uuid(),
    key         text not null unique,
    category    text not null check (category in ('PEPPOL', 'GENERAL')),
    name        text not null,
    -- {"fr": {"subject": "...", "body": "<p>...</p>"}, "nl": {...}}: Qute source, checked when saved
    variants    jsonb not null,
    version     bigint not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

-- A send keeps the template as it was when queued, so editing the template later changes no queued message.
create table email_send (
    id               uuid primary key default gen_random_uuid(),
    template_id      uuid references email_template (id) on delete set null,
    template_key     text not null,
    template_name    text not null,
    variants         jsonb not null,
    status           text not null check (status in ('QUEUED', 'SENDING', 'DONE', 'CANCELLED')),
    actor_id         uuid,
    actor_name       text,
    actor_email      text,
    idempotency_key  text,
    request_hash     text,
    selection        jsonb not null,
    total            int not null default 0,
    skipped          int not null default 0,
    created_at       timestamptz not null default now(),
    finished_at      timestamptz
);
create unique index email_send_idempotency_uk on email_send (actor_id, idempotency_key) where idempotency_key is not null;
create index email_send_created_idx on email_send (created_at desc);

-- One row per recipient: unique (send_id, client_id) is what makes "at most one message per client per send" hold.
-- SENDING rows carry claimed_at: a SENDING row whose claim expired belonged to a dead worker and becomes UNCERTAIN.
create table email_message (
    id               bigserial primary key,
    send_id          uuid not null references email_send (id) on delete cascade,
    client_id        uuid not null references client (id) on delete cascade,
    email            text,
    status           text not null check (status in ('PENDING', 'SENDING', 'SENT', 'SKIPPED', 'FAILED', 'UNCERTAIN', 'CANCELLED')),
    error            text,
    attempts         int not null default 0,
    next_attempt_at  timestamptz not null default now(),
    claimed_at       timestamptz,
    claimed_by       text,
    subject          text,
    sent_at          timestamptz,
    updated_at       timestamptz not null default now(),
    unique (send_id, client_id)
);
create index email_message_due_idx on email_message (next_attempt_at, id) where status = 'PENDING';
create index email_message_sending_idx on email_message (claimed_at) where status = 'SENDING';
create index email_message_client_idx on email_message (client_id, id desc);

-- The standard informative Peppol email (fr, nl, en). Placeholders are those EmailRenderer knows.
insert into email_template (key, category, name, variants) values ('peppol_info', 'PEPPOL', 'Information Peppol', jsonb_build_object(
'fr', jsonb_build_object('subject', 'Facturation électronique via Peppol : {client.name}', 'body', $fr$<p>Madame, Monsieur,</p>
<p>Depuis le 1er janvier 2026, les entreprises belges assujetties à la TVA doivent échanger leurs factures B2B sous forme de factures électroniques structurées, en pratique via le réseau <strong>Peppol</strong>. Peppol est un réseau international sécurisé : chaque entreprise y est inscrite auprès d'un point d'accès (un prestataire) qui reçoit ses factures d'achat et envoie ses factures de vente.</p>
<p>Ce que nous voyons aujourd'hui pour {client.name} (BCE {client.enterpriseNumber}) :</p>
{#if peppol.registered}
<p>Votre entreprise est enregistrée sur Peppol auprès du point d'accès <strong>{peppol.accessPoint}</strong> (vérifié le {peppol.lastConfirmed}).</p>
{#else}
<p>Nous n'avons pas trouvé votre entreprise sur le réseau Peppol ({peppol.status}).</p>
{/if}
<p>Pourriez-vous nous indiquer :</p>
<ul>
<li>quel logiciel vous utilisez pour <strong>recevoir</strong> vos factures via Peppol ;</li>
<li>quel logiciel vous utilisez pour <strong>envoyer</strong> vos factures via Peppol ?</li>
</ul>
<p>Bien à vous,<br>{sender.name}<br>{firm.name}<br>{firm.address}</p>$fr$),
'nl', jsonb_build_object('subject', 'Elektronisch factureren via Peppol: {client.name}', 'body', $nl$<p>Geachte mevrouw, geachte heer,</p>
<p>Sinds 1 januari 2026 moeten Belgische btw-plichtige ondernemingen hun B2B-facturen uitwisselen als gestructureerde elektronische facturen, in de praktijk via het <strong>Peppol</strong>-netwerk. Peppol is een beveiligd internationaal netwerk: elke onderneming is er ingeschreven bij een toegangspunt (een dienstverlener) dat haar aankoopfacturen ontvangt en haar verkoopfacturen verstuurt.</p>
<p>Wat wij vandaag zien voor {client.name} (KBO {client.enterpriseNumber}):</p>
{#if peppol.registered}
<p>Uw onderneming is op Peppol geregistreerd bij het toegangspunt <strong>{peppol.accessPoint}</strong> (gecontroleerd op {peppol.lastConfirmed}).</p>
{#else}
<p>Wij hebben uw onderneming niet gevonden op het Peppol-netwerk ({peppol.status}).</p>
{/if}
<p>Kunt u ons laten weten:</p>
<ul>
<li>welke software u gebruikt om facturen via Peppol te <strong>ontvangen</strong>;</li>
<li>welke software u gebruikt om facturen via Peppol te <strong>versturen</strong>?</li>
</ul>
<p>Met vriendelijke groeten,<br>{sender.name}<br>{firm.name}<br>{firm.address}</p>$nl$),
'en', jsonb_build_object('subject', 'E-invoicing over Peppol: {client.name}', 'body', $en$<p>Dear client,</p>
<p>Since 1 January 2026, Belgian VAT-liable companies must exchange their B2B invoices as structured electronic invoices, in practice over the <strong>Peppol</strong> network. Peppol is a secure international network: every company is registered with an access point (a service provider) that receives its purchase invoices and sends its sales invoices.</p>
<p>What we see today for {client.name} (enterprise number {client.enterpriseNumber}):</p>
{#if peppol.registered}
<p>Your company is registered on Peppol with the access point <strong>{peppol.accessPoint}</strong> (checked on {peppol.lastConfirmed}).</p>
{#else}
<p>We did not find your company on the Peppol network ({peppol.status}).</p>
{/if}
<p>Could you tell us:</p>
<ul>
<li>which software you use to <strong>receive</strong> invoices over Peppol;</li>
<li>which software you use to <strong>send</strong> invoices over Peppol?</li>
</ul>
<p>Kind regards,<br>{sender.name}<br>{firm.name}<br>{firm.address}</p>$en$)));
