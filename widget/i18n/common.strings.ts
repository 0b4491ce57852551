import { defineStrings } from './locale.ts';

/** Words every piece of the widget shares: states, retries, badges. */
export const common = defineStrings({
  notComparableStart: [
    'No change is shown: your account existed for only {covered} of the {days} days you compare with.',
    'Keine Veränderung angezeigt: Ihr Konto bestand nur an {covered} der {days} Tage, mit denen Sie vergleichen.',
    'No se muestra ningún cambio: tu cuenta existía solo {covered} de los {days} días con los que comparas.',
  ],
  notComparableToday: [
    'No change is shown: this period includes today, which is still under way.',
    'Keine Veränderung angezeigt: Dieser Zeitraum enthält den heutigen Tag, der noch nicht vorbei ist.',
    'No se muestra ningún cambio: este periodo incluye el día de hoy, que aún no ha terminado.',
  ],
  loading: ['Loading…', 'Wird geladen…', 'Cargando…'],
  retry: ['Try again', 'Erneut versuchen', 'Reintentar'],
  errorTitle: [
    'This part could not load.',
    'Dieser Teil konnte nicht geladen werden.',
    'Esta parte no se pudo cargar.',
  ],
  errorNetwork: [
    'The value service could not be reached. Check your connection and try again.',
    'Der Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    'No se pudo conectar con el servicio. Revisa tu conexión e inténtalo de nuevo.',
  ],
  errorSession: [
    'Your session has expired. Reload the page to sign in again.',
    'Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu, um sich wieder anzumelden.',
    'Tu sesión ha caducado. Recarga la página para volver a entrar.',
  ],
  errorSessionFailed: [
    'We could not start your session. Please try again in a moment.',
    'Wir konnten Ihre Sitzung nicht starten. Bitte versuchen Sie es gleich noch einmal.',
    'No pudimos iniciar tu sesión. Vuelve a intentarlo en un momento.',
  ],
  errorExpired: [
    'Your session has ended. Reload the page to start a new one.',
    'Ihre Sitzung ist beendet. Laden Sie die Seite neu, um eine neue zu starten.',
    'Tu sesión ha terminado. Vuelve a cargar la página para iniciar una nueva.',
  ],
  errorForbidden: [
    'You do not have access to this.',
    'Sie haben darauf keinen Zugriff.',
    'No tienes acceso a esto.',
  ],
  errorNotConfigured: [
    'This dashboard is not connected yet: the page must give it an embed token (token attribute or fetchToken).',
    'Dieses Dashboard ist noch nicht verbunden: Die Seite muss ihm ein Embed-Token geben (Attribut token oder fetchToken).',
    'Este panel aún no está conectado: la página debe darle un token de inserción (atributo token o fetchToken).',
  ],
  errorOther: [
    'Something went wrong on our side.',
    'Bei uns ist etwas schiefgelaufen.',
    'Algo ha fallado por nuestra parte.',
  ],
  empty: [
    'Nothing to show for this period yet.',
    'Für diesen Zeitraum gibt es noch nichts zu zeigen.',
    'Todavía no hay nada que mostrar para este periodo.',
  ],
  estimated: ['Estimated', 'Geschätzt', 'Estimado'],
  estimatedHint: [
    'Estimated from your usage and the assumptions below',
    'Geschätzt aus Ihrer Nutzung und den Annahmen unten',
    'Estimado a partir de tu uso y de los supuestos de abajo',
  ],
  measured: ['Measured', 'Gemessen', 'Medido'],
  measuredHint: [
    'Measured directly from your data',
    'Direkt aus Ihren Daten gemessen',
    'Medido directamente en tus datos',
  ],
  total: ['Total', 'Gesamt', 'Total'],
  showTable: ['Show as table', 'Als Tabelle zeigen', 'Ver como tabla'],
  showChart: ['Show as chart', 'Als Diagramm zeigen', 'Ver como gráfico'],
  close: ['Close', 'Schließen', 'Cerrar'],
  feature: ['Feature', 'Funktion', 'Función'],
});
