import { describe, expect, it } from 'vitest';
import i18n from '@/i18n';
import { ApiError, type FieldError, type Problem } from './api-error';
import { customFieldLabels, translatedFieldError, translateError, translateFieldError } from './error-messages';
import type { FieldDefinition } from './api-types';

const e = (field: string, code: FieldError['code'], params: Record<string, unknown> = {}, message = 'English for integrators'): FieldError => ({
  field,
  code,
  message,
  params,
});
const problem = (status: number, errors: FieldError[], detail = 'English detail'): ApiError =>
  new ApiError(status, { type: 'about:blank', title: 'Error', status, detail, errors } satisfies Problem);

const comments = { key: 'peppol_comments', labels: { fr: 'Commentaire(s)', nl: 'Opmerking(en)', en: 'Comment(s)' } } as unknown as FieldDefinition;
const labels = (lang: string) => customFieldLabels([comments], lang);

describe('error codes in the user’s language', () => {
  it('says one code with its params in fr, nl and en, never the English message', async () => {
    const error = e('customFields.peppol_comments', 'too_long', { max: 4000 }, 'At most 4000 characters');
    expect(translateFieldError(error, i18n.getFixedT('fr'))).toMatch(/^4\s000 caractères au maximum\.$/);
    expect(translateFieldError(error, i18n.getFixedT('nl'))).toMatch(/^Hoogstens 4\.000 tekens\.$/);
    expect(translateFieldError(error, i18n.getFixedT('en'))).toBe('At most 4,000 characters.');
    const inactive = e('customFields.peppol_software_receive', 'option.inactive', { option: 'billit' });
    expect(translateFieldError(inactive, i18n.getFixedT('fr'))).toBe('Le choix « billit » est désactivé\u202f: choisissez-en un autre.');
    expect(translateFieldError(inactive, i18n.getFixedT('nl'))).toBe('De keuze ‘billit’ is gedeactiveerd: kies een andere.');
  });

  it('names the field by its label, standard or custom, not by its JSON name', () => {
    const fr = i18n.getFixedT('fr');
    const error = problem(422, [e('enterpriseNumber', 'enterprise_number.invalid', { value: '0123' })]);
    expect(translateError(error, fr)).toBe(
      "Numéro d'entreprise (BCE)\u202f: Numéro d’entreprise (BCE) non valide\u202f: 10 chiffres commençant par 0 ou 1, avec le contrôle modulo 97.",
    );
    const custom = problem(422, [e('changes.cf.peppol_comments', 'required')]);
    expect(translateError(custom, fr, labels('fr'))).toBe('Commentaire(s)\u202f: Obligatoire.');
    expect(translateError(custom, i18n.getFixedT('nl'), labels('nl'))).toBe('Opmerking(en): Verplicht.');
    expect(translateError(problem(422, [e('labels.fr', 'label.fr_required')]), fr)).toBe('Libellé (FR)\u202f: Le libellé français est obligatoire.');
  });

  it('lists every invalid field in the banner with a count', () => {
    const error = problem(422, [e('name', 'required'), e('email', 'email.invalid'), e('customFields.peppol_comments', 'too_long', { max: 10 })], '3 invalid fields');
    expect(translateError(error, i18n.getFixedT('fr'), labels('fr'))).toBe(
      '3 champs non valides — Nom\u202f: Obligatoire.\u202f; E-mail\u202f: Adresse e-mail non valide.\u202f; Commentaire(s)\u202f: 10 caractères au maximum.',
    );
    expect(translateError(error, i18n.getFixedT('en'), labels('en'))).toBe(
      '3 invalid fields — Name: Required.; Email: Not a valid email address.; Comment(s): At most 10 characters.',
    );
  });

  it('translates a wrong password, a stale version, a server error and a network failure', () => {
    const fr = i18n.getFixedT('fr');
    expect(translateError(problem(401, [e('password', 'auth.wrong_credentials')], 'Wrong email or password'), fr)).toBe(
      'Mot de passe\u202f: Adresse e-mail ou mot de passe incorrect.',
    );
    expect(translateError(problem(412, [e('version', 'version.stale', { current: 3 })]), fr)).toBe(
      'Quelqu’un d’autre l’a modifié entre-temps\u202f: rechargez puis recommencez.',
    );
    expect(translateError(problem(500, [], 'The server could not complete the request'), fr)).toBe(
      'Le serveur n’a pas pu traiter la demande. Réessayez dans un instant.',
    );
    expect(translateError(new TypeError('Failed to fetch'), fr)).toBe('Le serveur est injoignable\u202f: vérifiez la connexion puis réessayez.');
    expect(translateError(new TypeError('Failed to fetch'), i18n.getFixedT('nl'))).toBe(
      'De server is onbereikbaar: controleer de verbinding en probeer opnieuw.',
    );
  });

  it('gives a bound that exists alone in its own words', () => {
    expect(translateFieldError(e('page', 'range', { min: 0 }), i18n.getFixedT('fr'))).toBe('Au moins 0.');
    expect(translateFieldError(e('sort', 'count', { max: 5 }), i18n.getFixedT('en'))).toBe('At most 5.');
  });

  it('finds the message of a field whatever prefix the API used', () => {
    const error = problem(422, [e('changes.cf.peppol_comments', 'required')]);
    expect(translatedFieldError(error, i18n.getFixedT('fr'), undefined, 'peppol_comments')).toBe('Obligatoire.');
    expect(translatedFieldError(error, i18n.getFixedT('fr'), undefined, 'name')).toBeUndefined();
  });
});
