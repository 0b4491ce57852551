import { defineStrings } from './locale.ts';

/** Words every piece of the widget shares: states, retries, badges. */
export const common = defineStrings({
  en: {
    loading: 'Loading…',
    retry: 'Try again',
    errorTitle: 'This part could not load.',
    errorNetwork: 'The value service could not be reached. Check your connection and try again.',
    errorSession: 'Your session has expired. Reload the page to sign in again.',
    errorForbidden: 'You do not have access to this.',
    errorNotConfigured:
      'This dashboard is not connected yet: the page must give it an embed token (token attribute or fetchToken).',
    errorOther: 'Something went wrong on our side ({code}).',
    empty: 'Nothing to show for this period yet.',
    estimated: 'Estimated',
    estimatedHint: 'Estimated from your usage and the assumptions below',
    measured: 'Measured',
    measuredHint: 'Measured directly from your data',
    total: 'Total',
    showTable: 'Show as table',
    showChart: 'Show as chart',
    close: 'Close',
  },
  de: {
    loading: 'Wird geladen…',
    retry: 'Erneut versuchen',
    errorTitle: 'Dieser Teil konnte nicht geladen werden.',
    errorNetwork:
      'Der Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    errorSession:
      'Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu, um sich wieder anzumelden.',
    errorForbidden: 'Sie haben darauf keinen Zugriff.',
    errorNotConfigured:
      'Dieses Dashboard ist noch nicht verbunden: Die Seite muss ihm ein Embed-Token geben (Attribut token oder fetchToken).',
    errorOther: 'Bei uns ist etwas schiefgelaufen ({code}).',
    empty: 'Für diesen Zeitraum gibt es noch nichts zu zeigen.',
    estimated: 'Geschätzt',
    estimatedHint: 'Geschätzt aus Ihrer Nutzung und den Annahmen unten',
    measured: 'Gemessen',
    measuredHint: 'Direkt aus Ihren Daten gemessen',
    total: 'Gesamt',
    showTable: 'Als Tabelle zeigen',
    showChart: 'Als Diagramm zeigen',
    close: 'Schließen',
  },
  es: {
    loading: 'Cargando…',
    retry: 'Reintentar',
    errorTitle: 'Esta parte no se pudo cargar.',
    errorNetwork: 'No se pudo conectar con el servicio. Revisa tu conexión e inténtalo de nuevo.',
    errorSession: 'Tu sesión ha caducado. Recarga la página para volver a entrar.',
    errorForbidden: 'No tienes acceso a esto.',
    errorNotConfigured:
      'Este panel aún no está conectado: la página debe darle un token de inserción (atributo token o fetchToken).',
    errorOther: 'Algo ha fallado por nuestra parte ({code}).',
    empty: 'Todavía no hay nada que mostrar para este periodo.',
    estimated: 'Estimado',
    estimatedHint: 'Estimado a partir de tu uso y de los supuestos de abajo',
    measured: 'Medido',
    measuredHint: 'Medido directamente en tus datos',
    total: 'Total',
    showTable: 'Ver como tabla',
    showChart: 'Ver como gráfico',
    close: 'Cerrar',
  },
});
