import { defineStrings } from '../i18n/locale.ts';

/**
 * The rep console's words: the success manager reads them (second person), the customer is
 * "they". German uses "Sie" like the widget; Spanish "tú".
 */
export const strings = defineStrings({
  title: ['Hand-offs', 'Anfragen', 'Solicitudes'],
  signedInAs: ['Signed in as {name}', 'Angemeldet als {name}', 'Has iniciado sesión como {name}'],
  noToken: [
    'You are not signed in. Open the console from the link your product gives you (/rep#token=…). The part after # stays in your browser: it is never sent to the server in the address.',
    'Sie sind nicht angemeldet. Öffnen Sie die Konsole über den Link aus Ihrem Produkt (/rep#token=…). Der Teil nach # bleibt in Ihrem Browser: Er wird nie mit der Adresse an den Server geschickt.',
    'No has iniciado sesión. Abre la consola con el enlace que te da tu producto (/rep#token=…). Lo que va después de # se queda en tu navegador: nunca se envía al servidor con la dirección.',
  ],
  signInFailed: [
    'You could not be signed in. Reload the page to try again.',
    'Die Anmeldung hat nicht geklappt. Laden Sie die Seite neu, um es erneut zu versuchen.',
    'No se pudo iniciar tu sesión. Recarga la página para volver a intentarlo.',
  ],
  // The queue.
  queueTitle: ['Queue', 'Warteschlange', 'Cola'],
  filter: ['Show', 'Anzeigen', 'Mostrar'],
  filterAll: ['All hand-offs', 'Alle Anfragen', 'Todas las solicitudes'],
  queueEmpty: [
    'Nothing here: no customer has asked for you yet.',
    'Hier ist nichts: Noch hat Sie kein Kunde angefragt.',
    'No hay nada: ningún cliente te ha pedido ayuda todavía.',
  ],
  queueEmptyFiltered: [
    'No hand-offs with this status.',
    'Keine Anfragen mit diesem Status.',
    'No hay solicitudes con este estado.',
  ],
  queueCount_one: ['{count} hand-off', '{count} Anfrage', '{count} solicitud'],
  queueCount_other: ['{count} hand-offs', '{count} Anfragen', '{count} solicitudes'],
  glance: [
    '{total} in the last 90 days',
    '{total} in den letzten 90 Tagen',
    '{total} en los últimos 90 días',
  ],
  glanceRoi: ['{roi} what they pay', 'das {roi} ihrer Kosten', '{roi} lo que pagan'],
  glanceBehind_one: [
    '1 promise behind pace',
    '1 Zusage hinter Plan',
    '1 promesa por debajo del ritmo',
  ],
  glanceBehind_other: [
    '{count} promises behind pace',
    '{count} Zusagen hinter Plan',
    '{count} promesas por debajo del ritmo',
  ],
  glanceNone: ['No value yet', 'Noch kein Wert', 'Todavía sin valor'],
  asked: ['asked {age}', 'angefragt {age}', 'pedido {age}'],
  // Statuses, channels and timings.
  status_new: ['New', 'Neu', 'Nueva'],
  status_accepted: ['Accepted', 'Angenommen', 'Aceptada'],
  status_answered: ['Answered', 'Beantwortet', 'Respondida'],
  status_closed: ['Closed', 'Geschlossen', 'Cerrada'],
  channel_meeting: ['Meeting', 'Termin', 'Reunión'],
  channel_call: ['Call', 'Anruf', 'Llamada'],
  channel_chat: ['Chat', 'Chat', 'Chat'],
  channel_email: ['Email', 'E-Mail', 'Correo'],
  when_today: ['today', 'heute', 'hoy'],
  when_this_week: ['this week', 'diese Woche', 'esta semana'],
  when_next_week: ['next week', 'nächste Woche', 'la próxima semana'],
  when_any_time: ['any time', 'jederzeit', 'cuando sea'],
  channelWhen: ['{channel}, {when}', '{channel}, {when}', '{channel}, {when}'],
  // The detail.
  pick: [
    'Pick a hand-off from the queue to read its brief.',
    'Wählen Sie eine Anfrage aus der Warteschlange, um ihr Briefing zu lesen.',
    'Elige una solicitud de la cola para leer su resumen.',
  ],
  dashboardTitle: [
    'Their dashboard, live (read-only)',
    'Ihr Dashboard, live (nur lesen)',
    'Su panel, en directo (solo lectura)',
  ],
  // The reply.
  replyTitle: ['Your answer', 'Ihre Antwort', 'Tu respuesta'],
  repliesTitle: ['Answers sent', 'Gesendete Antworten', 'Respuestas enviadas'],
  replyBy: ['{name}, {age}', '{name}, {age}', '{name}, {age}'],
  replyPlan: ['Plan sent: “{name}”', 'Gesendeter Plan: „{name}“', 'Plan enviado: «{name}»'],
  note: ['Note to the customer', 'Nachricht an den Kunden', 'Nota para el cliente'],
  noteHint: [
    'They see it in their dashboard, under “From your success manager”.',
    'Sie sehen sie in ihrem Dashboard unter „Von Ihrem Success Manager“.',
    'La verán en su panel, en «De tu gestor de cuenta».',
  ],
  withPlan: ['Send a plan with it', 'Einen Plan mitschicken', 'Enviar un plan con ella'],
  planName: ['Name of the plan', 'Name des Plans', 'Nombre del plan'],
  variantName: ['{name} – revised', '{name} – überarbeitet', '{name} – revisado'],
  planHint: [
    'Move the levers below: the plan is saved to their account, shared, with your name.',
    'Verschieben Sie unten die Regler: Der Plan wird in ihrem Konto gespeichert, geteilt und mit Ihrem Namen.',
    'Mueve los controles de abajo: el plan se guarda en su cuenta, compartido y con tu nombre.',
  ],
  planFrom: [
    'Starts from their plan “{name}”.',
    'Beginnt mit ihrem Plan „{name}“.',
    'Parte de su plan «{name}».',
  ],
  send: ['Send answer', 'Antwort senden', 'Enviar respuesta'],
  sending: ['Sending…', 'Wird gesendet…', 'Enviando…'],
  sent: [
    'Sent. They see it in their dashboard.',
    'Gesendet. Sie sehen es in ihrem Dashboard.',
    'Enviada. La verán en su panel.',
  ],
  noteMissing: [
    'Write a few words to the customer.',
    'Schreiben Sie dem Kunden ein paar Worte.',
    'Escribe unas palabras al cliente.',
  ],
  nameMissing: ['Name the plan.', 'Geben Sie dem Plan einen Namen.', 'Ponle un nombre al plan.'],
  leversMissing: [
    'Move at least one lever, or send the note without a plan.',
    'Verschieben Sie mindestens einen Regler oder senden Sie die Nachricht ohne Plan.',
    'Mueve al menos un control o envía la nota sin plan.',
  ],
  refused: [
    'Your answer was not accepted: {reason} It is still here; change it and send it again.',
    'Ihre Antwort wurde nicht angenommen: {reason} Sie ist noch da; ändern Sie sie und senden Sie sie erneut.',
    'Tu respuesta no se aceptó: {reason} Sigue aquí; cámbiala y vuelve a enviarla.',
  ],
  notSent: [
    'Your answer was not sent: {reason} It is still here; send it again.',
    'Ihre Antwort wurde nicht gesendet: {reason} Sie ist noch da; senden Sie sie erneut.',
    'Tu respuesta no se envió: {reason} Sigue aquí; vuelve a enviarla.',
  ],
  tooLong: [
    'The note or the plan is too long.',
    'Die Nachricht oder der Plan ist zu lang.',
    'La nota o el plan son demasiado largos.',
  ],
  statusTitle: ['Status', 'Status', 'Estado'],
  statusNow: ['Now: {status}', 'Aktuell: {status}', 'Ahora: {status}'],
  accept: ['Accept', 'Annehmen', 'Aceptar'],
  markAnswered: ['Mark answered', 'Als beantwortet markieren', 'Marcar como respondida'],
  close: ['Close', 'Schließen', 'Cerrar'],
  statusChanged: ['Status: {status}.', 'Status: {status}.', 'Estado: {status}.'],
  statusFailed: [
    'The status could not be changed: {reason}',
    'Der Status konnte nicht geändert werden: {reason}',
    'No se pudo cambiar el estado: {reason}',
  ],
});
