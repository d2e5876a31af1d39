<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Acknowledge receipt</source>
        <translation>Acusar recibo</translation>
    </message>
    <message>
        <source>Before your first signature</source>
        <translation>Antes de su primera firma</translation>
    </message>
    <message>
        <source>I agree to receive and sign PAR records electronically</source>
        <translation>Acepto recibir y firmar electrónicamente los documentos de PAR</translation>
    </message>
    <message>
        <source>Your signature is bound to this version of the report, exactly as you read it, and to the time you sign. You can still write a response.</source>
        <translation>Su firma queda vinculada a esta versión del informe, tal como la leyó, y a la hora en que firma. Aún puede escribir una respuesta.</translation>
    </message>
    <message>
        <source>Your passphrase, to sign</source>
        <translation>Su frase de contraseña, para firmar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Firmar</translation>
    </message>
</context>
<context>
    <name>AmendDialog</name>
    <message>
        <source>Correct a note</source>
        <translation>Corregir una nota</translation>
    </message>
    <message>
        <source>The original stays visible in the note&apos;s history.</source>
        <translation>El original sigue visible en el historial de la nota.</translation>
    </message>
    <message>
        <source>Corrected note text</source>
        <translation>Texto corregido de la nota</translation>
    </message>
    <message>
        <source>Reason for the correction (required)</source>
        <translation>Motivo de la corrección (obligatorio)</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>Motivo de la corrección</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>Guardar corrección</translation>
    </message>
</context>
<context>
    <name>CaseCard</name>
    <message>
        <source>%1 · confidential</source>
        <translation>%1 · confidencial</translation>
    </message>
    <message>
        <source>Focus: %1</source>
        <translation>Enfoque: %1</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>Reports for %1</source>
        <translation>Informes de %1</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Formularios</translation>
    </message>
    <message>
        <source>Forms and deadlines for %1</source>
        <translation>Formularios y plazos de %1</translation>
    </message>
    <message>
        <source>Continue observation</source>
        <translation>Seguir observando</translation>
    </message>
    <message>
        <source>Continue observing %1</source>
        <translation>Continuar la observación de %1</translation>
    </message>
    <message>
        <source>Observe</source>
        <translation>Observar</translation>
    </message>
    <message>
        <source>Observe %1</source>
        <translation>Observar a %1</translation>
    </message>
</context>
<context>
    <name>CaseFormsPage</name>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>End your participation?</source>
        <translation>¿Terminar su participación?</translation>
    </message>
    <message>
        <source>Your participation is voluntary: you may end it at any time. From then on nothing more is shared, and nothing reaches your personnel file. Your PAR mentor is told.</source>
        <translation>Su participación es voluntaria: puede terminarla en cualquier momento. A partir de entonces no se comparte nada más y nada llega a su expediente personal. Se le avisa a su mentor PAR.</translation>
    </message>
    <message>
        <source>Your participation</source>
        <translation>Su participación</translation>
    </message>
    <message>
        <source>Who may read</source>
        <translation>Quién puede leer</translation>
    </message>
    <message>
        <source>Site administrator</source>
        <translation>Administrador del plantel</translation>
    </message>
    <message>
        <source>Director of induction</source>
        <translation>Director de inducción</translation>
    </message>
    <message>
        <source>PAR panel</source>
        <translation>Panel PAR</translation>
    </message>
    <message>
        <source>What they may read</source>
        <translation>Qué pueden leer</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>My responses</source>
        <translation>Mis respuestas</translation>
    </message>
    <message>
        <source>Meeting summaries</source>
        <translation>Resúmenes de reuniones</translation>
    </message>
    <message>
        <source>Meeting logs</source>
        <translation>Registros de reuniones</translation>
    </message>
    <message>
        <source>Give consent</source>
        <translation>Dar consentimiento</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>Retirar consentimiento</translation>
    </message>
    <message>
        <source>End my participation</source>
        <translation>Terminar mi participación</translation>
    </message>
    <message numerus="yes">
        <source>Deadlines — %n overdue</source>
        <translation>
            <numerusform>Plazos — %n vencido</numerusform>
            <numerusform>Plazos — %n vencidos</numerusform>
        </translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>Plazos</translation>
    </message>
    <message>
        <source>Nothing due for you in this case.</source>
        <translation>No tiene nada pendiente en este caso.</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Formularios</translation>
    </message>
    <message>
        <source>No form yet in this case.</source>
        <translation>Aún no hay formularios en este caso.</translation>
    </message>
    <message>
        <source>Your signature</source>
        <translation>Su firma</translation>
    </message>
    <message>
        <source>Start a form</source>
        <translation>Iniciar un formulario</translation>
    </message>
    <message>
        <source>Observations and conferences</source>
        <translation>Observaciones y conferencias</translation>
    </message>
    <message>
        <source>Portfolio — %1 of %2 complete</source>
        <translation>Portafolio — %1 de %2 completos</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Portafolio</translation>
    </message>
</context>
<context>
    <name>CaseReportsPage</name>
    <message>
        <source>Caseload</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>Back to the caseload</source>
        <translation>Volver a los casos</translation>
    </message>
    <message>
        <source>Reports — %1</source>
        <translation>Informes — %1</translation>
    </message>
    <message>
        <source>Compose</source>
        <translation>Redactar</translation>
    </message>
    <message>
        <source>Compose a report</source>
        <translation>Redactar un informe</translation>
    </message>
    <message>
        <source>No report issued yet. Compose one from this case&apos;s tagged notes.</source>
        <translation>Aún no se ha emitido ningún informe. Redacte uno a partir de las notas etiquetadas de este caso.</translation>
    </message>
    <message>
        <source>No report you may read yet.</source>
        <translation>Aún no hay informes que pueda leer.</translation>
    </message>
</context>
<context>
    <name>CaseloadPage</name>
    <message>
        <source>Caseload</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>My caseload</source>
        <translation>Mis casos</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n participating teacher(s)</source>
        <translation>
            <numerusform>%1 · %n docente participante</numerusform>
            <numerusform>%1 · %n docentes participantes</numerusform>
        </translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Lock Triad</source>
        <translation>Bloquear Triad</translation>
    </message>
    <message>
        <source>No cases on this device yet. Your program office assigns cases; they arrive when the device syncs.</source>
        <translation>Aún no hay casos en este dispositivo. La oficina del programa asigna los casos; llegan cuando el dispositivo se sincroniza.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>All standards…</source>
        <translation>Todos los estándares…</translation>
    </message>
    <message>
        <source>Remove tag %1</source>
        <translation>Quitar la etiqueta %1</translation>
    </message>
    <message>
        <source>What do you see? Enter saves the note</source>
        <translation>¿Qué observa? Enter guarda la nota</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>Texto de la nota</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Guardar nota</translation>
    </message>
    <message>
        <source>Shift+Enter for a new line</source>
        <translation>Mayús+Enter para una línea nueva</translation>
    </message>
    <message>
        <source>Draft kept on this device</source>
        <translation>Borrador guardado en este dispositivo</translation>
    </message>
    <message>
        <source>Saving draft…</source>
        <translation>Guardando borrador…</translation>
    </message>
</context>
<context>
    <name>DeclineDialog</name>
    <message>
        <source>Record a refusal to sign</source>
        <translation>Registrar la negativa a firmar</translation>
    </message>
    <message>
        <source>The handbook asks the teacher to sign that they received the report. If they will not, record it here: it stands in the place of their signature for this version.</source>
        <translation>El manual pide al docente que firme que recibió el informe. Si no lo hace, regístrelo aquí: ocupa el lugar de su firma para esta versión.</translation>
    </message>
    <message>
        <source>Date the teacher declined (year-month-day)</source>
        <translation>Fecha en que el docente se negó (año-mes-día)</translation>
    </message>
    <message>
        <source>Date the teacher declined</source>
        <translation>Fecha en que el docente se negó</translation>
    </message>
    <message>
        <source>Witness (full name)</source>
        <translation>Testigo (nombre completo)</translation>
    </message>
    <message>
        <source>Who was present</source>
        <translation>Quién estaba presente</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>Testigo</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Nota (opcional)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registrar</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>That passphrase does not open this device&apos;s notes. Try again.</source>
        <translation>Esa frase de contraseña no abre las notas de este dispositivo. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The key file on this device is damaged or incomplete. Ask your district IT to restore your keys from your key backup.</source>
        <translation>El archivo de claves de este dispositivo está dañado o incompleto. Pida al departamento de informática de su distrito que restaure sus claves desde su copia de seguridad.</translation>
    </message>
    <message>
        <source>The key file on this device was written by a newer version of Triad. Update Triad.</source>
        <translation>El archivo de claves de este dispositivo lo escribió una versión más reciente de Triad. Actualice Triad.</translation>
    </message>
    <message>
        <source>The key file does not belong to the notes on this device.</source>
        <translation>El archivo de claves no corresponde a las notas de este dispositivo.</translation>
    </message>
    <message>
        <source>That passphrase does not open this key backup.</source>
        <translation>Esa frase de contraseña no abre esta copia de claves.</translation>
    </message>
    <message>
        <source>The key backup is damaged or incomplete.</source>
        <translation>La copia de claves está dañada o incompleta.</translation>
    </message>
    <message>
        <source>The key backup was written by a newer version of Triad. Update Triad.</source>
        <translation>La copia de claves la escribió una versión más reciente de Triad. Actualice Triad.</translation>
    </message>
    <message>
        <source>Triad is locked. Unlock it first.</source>
        <translation>Triad está bloqueado. Desbloquéelo primero.</translation>
    </message>
    <message>
        <source>The recording is too long to attach (over 64 MiB). Record a shorter memo.</source>
        <translation>La grabación es demasiado larga para adjuntarla (más de 64 MiB). Grabe una nota de voz más corta.</translation>
    </message>
    <message>
        <source>The note was not found; save the note before attaching evidence.</source>
        <translation>No se encontró la nota; guárdela antes de adjuntar evidencia.</translation>
    </message>
    <message>
        <source>This record was not shared with you.</source>
        <translation>Este registro no se compartió con usted.</translation>
    </message>
    <message>
        <source>Before your first signature, agree to receive and sign PAR records electronically, or ask for paper copies.</source>
        <translation>Antes de su primera firma, acepte recibir y firmar electrónicamente los documentos de PAR, o pida copias en papel.</translation>
    </message>
    <message>
        <source>A refusal to sign is recorded with the name of a witness; enter who saw the teacher decline.</source>
        <translation>La negativa a firmar se registra con el nombre de un testigo; indique quién vio al docente negarse.</translation>
    </message>
    <message>
        <source>Only the case&apos;s PAR mentor records that the teacher declined to sign a report.</source>
        <translation>Solo el mentor PAR del caso registra que el docente se negó a firmar un informe.</translation>
    </message>
    <message>
        <source>The teacher acknowledged receipt of this version of the report; there is no refusal to record.</source>
        <translation>El docente acusó recibo de esta versión del informe; no hay negativa que registrar.</translation>
    </message>
    <message>
        <source>The report has no overall narrative; write one before issuing it.</source>
        <translation>El informe no tiene narrativa general; escriba una antes de emitirlo.</translation>
    </message>
    <message>
        <source>There is no report draft for this case on this device; compose one first.</source>
        <translation>No hay borrador de informe para este caso en este dispositivo; redacte uno primero.</translation>
    </message>
    <message>
        <source>There is no written response drafted for this report on this device; write one first.</source>
        <translation>No hay ninguna respuesta escrita en borrador para este informe en este dispositivo; escriba una primero.</translation>
    </message>
    <message>
        <source>This device is not enrolled in the district yet. Ask your district IT to enroll it.</source>
        <translation>Este dispositivo aún no está inscrito en el distrito. Pida al departamento de informática de su distrito que lo inscriba.</translation>
    </message>
    <message>
        <source>This device does not hold the whole recording or photo yet; it arrives with the next sync.</source>
        <translation>Este dispositivo aún no tiene la grabación o la foto completa; llega con la próxima sincronización.</translation>
    </message>
    <message>
        <source>The case store cannot be reached (%1). Triad tries again by itself; nothing here is lost.</source>
        <translation>No se puede conectar con el servidor de casos (%1). Triad lo vuelve a intentar por sí solo; aquí no se pierde nada.</translation>
    </message>
    <message>
        <source>The case store is unavailable (HTTP %1). Triad tries again by itself; nothing here is lost.</source>
        <translation>El servidor de casos no está disponible (HTTP %1). Triad lo vuelve a intentar por sí solo; aquí no se pierde nada.</translation>
    </message>
    <message>
        <source>The case store&apos;s certificate is not the one the district pinned, so this device did not connect (nothing was sent, nothing here is lost). Someone may be intercepting the connection; tell district IT.</source>
        <translation>El certificado del servidor de casos no es el que fijó el distrito, así que este dispositivo no se conectó (no se envió nada y aquí no se pierde nada). Alguien podría estar interceptando la conexión; avise al departamento de TI del distrito.</translation>
    </message>
    <message>
        <source>The case store no longer accepts this device. Ask district IT to enroll it again; nothing here is lost.</source>
        <translation>El servidor de casos ya no acepta este dispositivo. Pida al departamento de TI del distrito que lo vuelva a inscribir; aquí no se pierde nada.</translation>
    </message>
    <message>
        <source>This device has no case store yet (it is chosen at enrollment).</source>
        <translation>Este dispositivo aún no tiene servidor de casos (se elige al inscribirlo).</translation>
    </message>
    <message>
        <source>Its signature does not match its content: it was changed after it was signed.</source>
        <translation>Su firma no coincide con su contenido: se modificó después de firmarse.</translation>
    </message>
    <message>
        <source>It is signed by keys the district directory held here does not name; it is kept until the directory names them.</source>
        <translation>Está firmado con claves que el directorio del distrito que hay aquí no nombra; se conserva hasta que el directorio las nombre.</translation>
    </message>
    <message>
        <source>The case store already holds a different record with this id.</source>
        <translation>El servidor de casos ya tiene otro registro distinto con este identificador.</translation>
    </message>
    <message>
        <source>It is addressed to other readers than the ones its signer named.</source>
        <translation>Está dirigido a lectores distintos de los que nombró quien lo firmó.</translation>
    </message>
    <message>
        <source>What the case store says about it differs from what its signer signed.</source>
        <translation>Lo que el servidor de casos dice de él no coincide con lo que firmó quien lo firmó.</translation>
    </message>
    <message>
        <source>Its signer had no part in this case that lets them write it when they signed it.</source>
        <translation>Quien lo firmó no tenía en este caso, al firmarlo, un papel que le permitiera escribirlo.</translation>
    </message>
    <message>
        <source>It names another author than the person who signed it.</source>
        <translation>Nombra a un autor distinto de la persona que lo firmó.</translation>
    </message>
    <message>
        <source>Its signer&apos;s keys were not certified by the district when it was signed.</source>
        <translation>Las claves de quien lo firmó no estaban certificadas por el distrito cuando se firmó.</translation>
    </message>
    <message>
        <source>Its signer&apos;s keys had been revoked by the district when it was signed.</source>
        <translation>El distrito había revocado las claves de quien lo firmó cuando se firmó.</translation>
    </message>
    <message>
        <source>Its content is damaged or in a form this version of Triad does not read.</source>
        <translation>Su contenido está dañado o en un formato que esta versión de Triad no lee.</translation>
    </message>
    <message>
        <source>Fill in %1 before signing.</source>
        <translation>Complete %1 antes de firmar.</translation>
    </message>
    <message>
        <source>This %1 is already signed by this person.</source>
        <translation>Esta persona ya firmó este documento: %1.</translation>
    </message>
    <message>
        <source>These keys do not sign this form in this case.</source>
        <translation>Estas claves no firman este formulario en este caso.</translation>
    </message>
    <message>
        <source>The time for this form has passed, or it is no longer needed in this case.</source>
        <translation>El plazo de este formulario ya pasó, o ya no hace falta en este caso.</translation>
    </message>
    <message>
        <source>en</source>
        <translation>es</translation>
    </message>
    <message>
        <source>Triad could not do this (%1). The details, in English, for district IT: %2</source>
        <translation>Triad no pudo hacerlo (%1). Los detalles, en inglés, para el departamento de TI del distrito: %2</translation>
    </message>
</context>
<context>
    <name>EvidenceStrip</name>
    <message>
        <source>Photo evidence</source>
        <translation>Evidencia fotográfica</translation>
    </message>
    <message>
        <source>Audio memo %1</source>
        <translation>Nota de voz %1</translation>
    </message>
    <message>
        <source>Stop audio memo</source>
        <translation>Detener nota de voz</translation>
    </message>
    <message>
        <source>Play audio memo</source>
        <translation>Reproducir nota de voz</translation>
    </message>
</context>
<context>
    <name>FormField</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>A number</source>
        <translation>Un número</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Back to the case</source>
        <translation>Volver al caso</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save your changes before signing.</source>
        <translation>Guarde los cambios antes de firmar.</translation>
    </message>
    <message>
        <source>Another signs</source>
        <translation>Firma otra persona</translation>
    </message>
    <message>
        <source>Someone else signs here</source>
        <translation>Otra persona firma aquí</translation>
    </message>
    <message>
        <source>Triad meeting: someone else signs on this device</source>
        <translation>Reunión de la tríada: otra persona firma en este dispositivo</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Firmar</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Firmas</translation>
    </message>
    <message>
        <source>Still to fill in before anyone signs: %1</source>
        <translation>Falta completar antes de que alguien firme: %1</translation>
    </message>
    <message>
        <source>✓ Signed by %1, %2, on %3 — “%4”</source>
        <translation>✓ Firmado por %1, %2, el %3 — «%4»</translation>
    </message>
    <message>
        <source>Waiting for: %1</source>
        <translation>Falta: %1</translation>
    </message>
    <message>
        <source>Not saved yet: save the form, then each signer signs it.</source>
        <translation>Aún no se ha guardado: guarde el formulario y luego cada firmante lo firma.</translation>
    </message>
</context>
<context>
    <name>FormSignDialog</name>
    <message>
        <source>Sign — %1</source>
        <translation>Firmar — %1</translation>
    </message>
    <message>
        <source>Triad meeting: the person signing types the path of their own key backup and its passphrase. Their keys are used for this one signature and not kept on this tablet.</source>
        <translation>Reunión de la tríada: la persona que firma escribe la ruta de su propia copia de seguridad de claves y su frase de contraseña. Sus claves se usan solo para esta firma y no se guardan en esta tableta.</translation>
    </message>
    <message>
        <source>Key backup file (for example /media/usb/my-key.triadbak)</source>
        <translation>Archivo de copia de claves (por ejemplo /media/usb/mi-clave.triadbak)</translation>
    </message>
    <message>
        <source>Key backup file of the person signing</source>
        <translation>Archivo de copia de claves de la persona que firma</translation>
    </message>
    <message>
        <source>I agree to receive and sign PAR records electronically</source>
        <translation>Acepto recibir y firmar electrónicamente los documentos de PAR</translation>
    </message>
    <message>
        <source>The person signing signs, as their part in this case, the statement this form carries for it.</source>
        <translation>La persona que firma firma, según su función en este caso, la declaración que este formulario incluye para ella.</translation>
    </message>
    <message>
        <source>Your signature is bound to this version of the form, exactly as it stands, and to the time you sign. If the form is edited later, it is signed again.</source>
        <translation>Su firma queda vinculada a esta versión del formulario, tal como está, y a la hora en que firma. Si el formulario se modifica después, se vuelve a firmar.</translation>
    </message>
    <message>
        <source>Their backup passphrase</source>
        <translation>La frase de contraseña de su copia</translation>
    </message>
    <message>
        <source>Your passphrase, to sign</source>
        <translation>Su frase de contraseña, para firmar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Firmar</translation>
    </message>
</context>
<context>
    <name>FormTable</name>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove this row</source>
        <translation>Quitar esta fila</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>Agregar una fila</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Triad — Peer Assistance and Review</source>
        <translation>Triad — Asistencia y Evaluación entre Pares</translation>
    </message>
</context>
<context>
    <name>MyReportsPage</name>
    <message>
        <source>My reports</source>
        <translation>Mis informes</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Lock Triad</source>
        <translation>Bloquear Triad</translation>
    </message>
    <message>
        <source>My forms and deadlines — %1</source>
        <translation>Mis formularios y plazos — %1</translation>
    </message>
    <message numerus="yes">
        <source>My forms and deadlines — %1. %n deadline(s) overdue</source>
        <translation>
            <numerusform>Mis formularios y plazos — %1. %n plazo vencido</numerusform>
            <numerusform>Mis formularios y plazos — %1. %n plazos vencidos</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing awaits you.</source>
        <translation>No tiene nada pendiente.</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) await your signature.</source>
        <translation>
            <numerusform>%n informe espera su firma.</numerusform>
            <numerusform>%n informes esperan su firma.</numerusform>
        </translation>
    </message>
    <message>
        <source>Awaiting you</source>
        <translation>Pendiente para usted</translation>
    </message>
    <message>
        <source>My portfolio</source>
        <translation>Mi portafolio</translation>
    </message>
    <message>
        <source>No reports yet. Your PAR mentor&apos;s reports arrive here when your phone syncs.</source>
        <translation>Aún no hay informes. Los informes de su mentor PAR llegan aquí cuando su teléfono se sincroniza.</translation>
    </message>
</context>
<context>
    <name>NoteDelegate</name>
    <message>
        <source>Hide history</source>
        <translation>Ocultar historial</translation>
    </message>
    <message>
        <source>Corrected · show history</source>
        <translation>Corregida · ver historial</translation>
    </message>
    <message>
        <source>Show the note&apos;s history</source>
        <translation>Ver el historial de la nota</translation>
    </message>
    <message>
        <source>Actions for the note at %1</source>
        <translation>Acciones para la nota de las %1</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>Corregir…</translation>
    </message>
    <message>
        <source>Add photo</source>
        <translation>Agregar foto</translation>
    </message>
    <message>
        <source>Stop and attach audio memo</source>
        <translation>Detener y adjuntar nota de voz</translation>
    </message>
    <message>
        <source>Record audio memo</source>
        <translation>Grabar nota de voz</translation>
    </message>
    <message>
        <source>Hide the note&apos;s history</source>
        <translation>Ocultar el historial de la nota</translation>
    </message>
</context>
<context>
    <name>ObservationPage</name>
    <message>
        <source>Caseload</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>Back to caseload</source>
        <translation>Volver a los casos</translation>
    </message>
    <message>
        <source>%1 participation: confidential between you and the teacher. Nothing is shared without the teacher&apos;s signed consent. The district cannot recover these records: if you lose your passphrase and this device, they are gone.</source>
        <translation>Participación (%1): confidencial entre usted y el docente. No se comparte nada sin el consentimiento firmado del docente. El distrito no puede recuperar estos registros: si pierde su frase de contraseña y este dispositivo, se pierden.</translation>
    </message>
    <message>
        <source>Observation time %1</source>
        <translation>Tiempo de observación %1</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <source>End observation</source>
        <translation>Terminar observación</translation>
    </message>
    <message>
        <source>Notes in this observation</source>
        <translation>Notas de esta observación</translation>
    </message>
    <message>
        <source>Opening earlier notes… %1 of %2</source>
        <translation>Abriendo notas anteriores… %1 de %2</translation>
    </message>
    <message>
        <source>Type what you see and press Enter. Each note is saved with its time the moment you press Enter.</source>
        <translation>Escriba lo que observa y pulse Enter. Cada nota se guarda con su hora en el momento en que pulsa Enter.</translation>
    </message>
</context>
<context>
    <name>PolicyWording</name>
    <message>
        <source>en</source>
        <translation>es</translation>
    </message>
    <message>
        <source>dddd d MMMM</source>
        <comment>a date in a sentence, without the year</comment>
        <translation>dddd d &apos;de&apos; MMMM</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy</source>
        <comment>a date in a sentence, with the year</comment>
        <translation>dddd d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <comment>a month of a school year</comment>
        <translation>MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>MMMM d</source>
        <comment>a yearly date (March 1)</comment>
        <translation>d &apos;de&apos; MMMM</translation>
    </message>
    <message>
        <source>zero</source>
        <translation>cero</translation>
    </message>
    <message>
        <source>one</source>
        <translation>uno</translation>
    </message>
    <message>
        <source>two</source>
        <translation>dos</translation>
    </message>
    <message>
        <source>three</source>
        <translation>tres</translation>
    </message>
    <message>
        <source>four</source>
        <translation>cuatro</translation>
    </message>
    <message>
        <source>five</source>
        <translation>cinco</translation>
    </message>
    <message>
        <source>six</source>
        <translation>seis</translation>
    </message>
    <message>
        <source>seven</source>
        <translation>siete</translation>
    </message>
    <message>
        <source>eight</source>
        <translation>ocho</translation>
    </message>
    <message>
        <source>nine</source>
        <translation>nueve</translation>
    </message>
    <message>
        <source>ten</source>
        <translation>diez</translation>
    </message>
    <message>
        <source>eleven</source>
        <translation>once</translation>
    </message>
    <message>
        <source>twelve</source>
        <translation>doce</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 día</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
    <message>
        <source>1 working day</source>
        <translation>1 día hábil</translation>
    </message>
    <message>
        <source>%1 working days</source>
        <translation>%1 días hábiles</translation>
    </message>
    <message>
        <source>1 calendar day</source>
        <translation>1 día natural</translation>
    </message>
    <message>
        <source>%1 calendar days</source>
        <translation>%1 días naturales</translation>
    </message>
    <message>
        <source>once</source>
        <translation>una vez</translation>
    </message>
    <message>
        <source>twice</source>
        <translation>dos veces</translation>
    </message>
    <message>
        <source>%1 times</source>
        <translation>%1 veces</translation>
    </message>
    <message>
        <source> and </source>
        <comment>the last joint of a list: A, B and C</comment>
        <translation> y </translation>
    </message>
    <message>
        <source>a day</source>
        <translation>cada día</translation>
    </message>
    <message>
        <source>a week</source>
        <translation>cada semana</translation>
    </message>
    <message>
        <source>a month</source>
        <translation>cada mes</translation>
    </message>
    <message>
        <source>%1 days</source>
        <comment>a cadence: two days</comment>
        <translation>%1 días</translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation>%1 semanas</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 meses</translation>
    </message>
    <message>
        <source>a daily log</source>
        <translation>un registro diario</translation>
    </message>
    <message>
        <source>a weekly log</source>
        <translation>un registro semanal</translation>
    </message>
    <message>
        <source>a monthly log</source>
        <translation>un registro mensual</translation>
    </message>
    <message>
        <source>a log every %1</source>
        <translation>un registro cada %1</translation>
    </message>
    <message>
        <source>one week</source>
        <translation>una semana</translation>
    </message>
    <message>
        <source>%1 months</source>
        <comment>a program cap: 18 months</comment>
        <translation>%1 meses</translation>
    </message>
    <message>
        <source>one school year</source>
        <translation>un año escolar</translation>
    </message>
    <message>
        <source>%1 school years</source>
        <translation>%1 años escolares</translation>
    </message>
    <message>
        <source>%1 semesters</source>
        <translation>%1 semestres</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>Semana del %1</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>Del %1 al %2</translation>
    </message>
    <message>
        <source>done on %1, %2 late</source>
        <translation>hecho el %1, con %2 de retraso</translation>
    </message>
    <message>
        <source>done on %1</source>
        <translation>hecho el %1</translation>
    </message>
    <message>
        <source>%1 overdue (due %2)</source>
        <translation>%1 de retraso (vencía el %2)</translation>
    </message>
    <message>
        <source>due today (%1)</source>
        <translation>vence hoy (%1)</translation>
    </message>
    <message>
        <source>due tomorrow (%1)</source>
        <translation>vence mañana (%1)</translation>
    </message>
    <message>
        <source>due %1, in %2</source>
        <translation>vence el %1, dentro de %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Contact the PAR Teacher within %1 of being paired</source>
        <translation>Contactar al docente participante dentro de %1 tras la asignación</translation>
    </message>
    <message>
        <source>Paired on %1</source>
        <translation>Asignado el %1</translation>
    </message>
    <message>
        <source>Meet with the PAR Teacher a minimum of %1 each week</source>
        <translation>Reunirse con el docente participante como mínimo %1 por semana</translation>
    </message>
    <message>
        <source>Meet with the PAR Teacher a minimum of %1 each month</source>
        <translation>Reunirse con el docente participante como mínimo %1 al mes</translation>
    </message>
    <message>
        <source>%1 of %2 meeting held</source>
        <translation>%1 de %2 reunión realizada</translation>
    </message>
    <message>
        <source>%1 of %2 meetings held</source>
        <translation>%1 de %2 reuniones realizadas</translation>
    </message>
    <message>
        <source>Complete %1 documenting the PAR work with the teacher</source>
        <translation>Completar %1 que documente el trabajo de PAR con el docente</translation>
    </message>
    <message>
        <source>%1 of %2 log entry kept</source>
        <translation>%1 de %2 entrada de registro</translation>
    </message>
    <message>
        <source>Complete %1 in your e-portfolio documenting the PAR work you have done</source>
        <translation>Completar %1 en su portafolio electrónico que documente el trabajo de PAR que ha realizado</translation>
    </message>
    <message>
        <source>Share a written report with the teacher in a conference at least every %1</source>
        <translation>Compartir un informe escrito con el docente en una conferencia al menos cada %1</translation>
    </message>
    <message>
        <source>Report 1, %1 after the start on %2</source>
        <translation>Informe 1, %1 después del inicio el %2</translation>
    </message>
    <message>
        <source>Report %1, %2 after report %3 on %4</source>
        <translation>Informe %1, %2 después del informe %3 del %4</translation>
    </message>
    <message>
        <source>, moved from %1 (%2) to the next school day</source>
        <translation>, trasladado del %1 (%2) al siguiente día lectivo</translation>
    </message>
    <message>
        <source>no school</source>
        <translation>sin clases</translation>
    </message>
    <message>
        <source>Hold the %1 with the teacher, the PAR mentor and the site administrator</source>
        <translation>Celebrar la %1 con el docente, el mentor PAR y el administrador del plantel</translation>
    </message>
    <message>
        <source>Scheduled for %1</source>
        <translation>Programada para el %1</translation>
    </message>
    <message>
        <source>Schedule a date for the remaining triad meeting at the %1</source>
        <translation>Fijar en la %1 la fecha de la reunión de la tríada que queda</translation>
    </message>
    <message>
        <source>Schedule dates for the %1 remaining triad meetings at the %2</source>
        <translation>Fijar en la %2 las fechas de las %1 reuniones de la tríada que quedan</translation>
    </message>
    <message>
        <source>No date yet for %1</source>
        <translation>Aún sin fecha: %1</translation>
    </message>
    <message>
        <source>Copies of all reports to the teacher and the evaluator at least %1 before the PAR Panel meeting</source>
        <translation>Copias de todos los informes al docente y al evaluador al menos %1 antes de la reunión del Panel PAR</translation>
    </message>
    <message>
        <source>one working day</source>
        <translation>un día hábil</translation>
    </message>
    <message>
        <source>%1 working days</source>
        <comment>five working days</comment>
        <translation>%1 días hábiles</translation>
    </message>
    <message>
        <source>PAR Panel meeting on %1</source>
        <translation>Reunión del Panel PAR el %1</translation>
    </message>
    <message>
        <source>Rank the consulting teachers you would prefer and return the list</source>
        <translation>Ordene a los docentes consultores según su preferencia y devuelva la lista</translation>
    </message>
    <message>
        <source>Within %1 of the referral: %2</source>
        <translation>Dentro de %1 desde la remisión: %2</translation>
    </message>
    <message>
        <source>Submit the final written report to the PAR Panel and the evaluator no later than %1</source>
        <translation>Entregar el informe escrito final al Panel PAR y al evaluador a más tardar el %1</translation>
    </message>
    <message>
        <source>Final report for the school year %1</source>
        <translation>Informe final del año escolar %1</translation>
    </message>
    <message>
        <source>Complete the year-end report by the %1</source>
        <translation>Completar el informe de fin de año antes de la %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 el %2</translation>
    </message>
    <message>
        <source>Complete the year-end report by the last day of school</source>
        <translation>Completar el informe de fin de año antes del último día de clases</translation>
    </message>
    <message>
        <source>Last day of school %1: %2</source>
        <translation>Último día de clases %1: %2</translation>
    </message>
    <message>
        <source>End PAR support within the district&apos;s limit of %1</source>
        <translation>Terminar el apoyo de PAR dentro del límite del distrito de %1</translation>
    </message>
    <message>
        <source>PAR support began on %1</source>
        <translation>El apoyo de PAR comenzó el %1</translation>
    </message>
    <message>
        <source>%1 overdue: %2 (%3, %4)</source>
        <translation>%1 con retraso: %2 (%3, %4)</translation>
    </message>
    <message>
        <source>Next: %1 (%2, %3)</source>
        <translation>Próximo: %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Nothing due</source>
        <translation>Nada pendiente</translation>
    </message>
    <message>
        <source>%1 from receipt on %2</source>
        <translation>%1 desde la recepción el %2</translation>
    </message>
    <message>
        <source>, moved from %1 (%2) to the next working day</source>
        <translation>, trasladado del %1 (%2) al siguiente día hábil</translation>
    </message>
    <message>
        <source>a weekend day</source>
        <translation>fin de semana</translation>
    </message>
    <message>
        <source>The district accepts late responses: yours is attached to the report, marked late.</source>
        <translation>El distrito acepta respuestas tardías: la suya se adjunta al informe, marcada como tardía.</translation>
    </message>
    <message>
        <source>The district accepts late responses: one received after the close is attached to the report, marked late.</source>
        <translation>El distrito acepta respuestas tardías: una recibida después del cierre se adjunta al informe, marcada como tardía.</translation>
    </message>
    <message>
        <source>The district does not accept responses after the window: yours is not attached to the report.</source>
        <translation>El distrito no acepta respuestas fuera del plazo: la suya no se adjunta al informe.</translation>
    </message>
    <message>
        <source>The district does not accept responses after the window: one received after the close is not attached to the report.</source>
        <translation>El distrito no acepta respuestas fuera del plazo: una recibida después del cierre no se adjunta al informe.</translation>
    </message>
    <message>
        <source>the end of %1</source>
        <translation>final del %1</translation>
    </message>
    <message>
        <source>Your response reached the district&apos;s case store on %1 at %2, within the window, which closes at %3 (%4).</source>
        <translation>Su respuesta llegó al servidor de casos del distrito el %1 a las %2, dentro del plazo, que cierra al %3 (%4).</translation>
    </message>
    <message>
        <source>Your response reached the district&apos;s case store on %1 at %2, after the window closed at %3 (%4).</source>
        <translation>Su respuesta llegó al servidor de casos del distrito el %1 a las %2, después de que el plazo cerrara al %3 (%4).</translation>
    </message>
    <message>
        <source>Your response has not yet been received by the case store: it counts from the moment the case store receives it, not from when you sent it.</source>
        <translation>El servidor de casos aún no ha recibido su respuesta: cuenta desde el momento en que el servidor de casos la recibe, no desde que usted la envió.</translation>
    </message>
    <message>
        <source>no valid date</source>
        <translation>ninguna fecha válida</translation>
    </message>
    <message>
        <source>This device&apos;s clock shows %1, earlier than the moment the report reached you (%2), so it looks wrong and the days left cannot be counted. The window closes at %3, by the case store&apos;s clock.</source>
        <translation>El reloj de este dispositivo marca %1, antes del momento en que le llegó el informe (%2), así que parece incorrecto y no se pueden contar los días restantes. El plazo cierra al %3, según el reloj del servidor de casos.</translation>
    </message>
    <message>
        <source>This device&apos;s clock shows %1, so it looks wrong and the days left cannot be counted. The window closes at %2, by the case store&apos;s clock.</source>
        <translation>El reloj de este dispositivo marca %1, así que parece incorrecto y no se pueden contar los días restantes. El plazo cierra al %2, según el reloj del servidor de casos.</translation>
    </message>
    <message>
        <source>By this device&apos;s clock today is the last day for a written response: the window closes at %1.</source>
        <translation>Según el reloj de este dispositivo, hoy es el último día para una respuesta escrita: el plazo cierra al %1.</translation>
    </message>
    <message>
        <source>By this device&apos;s clock you have %1 left for a written response: the window closes at %2.</source>
        <translation>Según el reloj de este dispositivo, le quedan %1 para una respuesta escrita: el plazo cierra al %2.</translation>
    </message>
    <message>
        <source>By this device&apos;s clock the window closed at %1. The case store&apos;s clock decides: if this device&apos;s clock is wrong, a response the case store receives before the close is still on time.</source>
        <translation>Según el reloj de este dispositivo, el plazo cerró al %1. Decide el reloj del servidor de casos: si el reloj de este dispositivo está mal, una respuesta que el servidor de casos reciba antes del cierre sigue a tiempo.</translation>
    </message>
    <message>
        <source>Share a written report with the teacher in a conference at least once a day</source>
        <translation>Compartir un informe escrito con el docente en una conferencia al menos una vez al día</translation>
    </message>
    <message>
        <source>Share a written report with the teacher in a conference at least once a week</source>
        <translation>Compartir un informe escrito con el docente en una conferencia al menos una vez por semana</translation>
    </message>
    <message>
        <source>Share a written report with the teacher in a conference at least once a month</source>
        <translation>Compartir un informe escrito con el docente en una conferencia al menos una vez al mes</translation>
    </message>
</context>
<context>
    <name>ProgramPage</name>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>PAR program</source>
        <translation>Programa PAR</translation>
    </message>
    <message>
        <source>%1 · director of induction</source>
        <translation>%1 · director de inducción</translation>
    </message>
    <message>
        <source>%1 · PAR panel</source>
        <translation>%1 · panel PAR</translation>
    </message>
    <message>
        <source>Reassign %1</source>
        <translation>Reasignar a %1</translation>
    </message>
    <message>
        <source>Assign a consulting teacher to %1</source>
        <translation>Asignar un docente consultor a %1</translation>
    </message>
    <message>
        <source>The new consulting teacher receives every record of the case; the one before keeps what they wrote. The reassignment is kept in the case&apos;s history.</source>
        <translation>El nuevo docente consultor recibe todos los registros del caso; el anterior conserva lo que escribió. La reasignación queda en el historial del caso.</translation>
    </message>
    <message>
        <source>The consulting teacher receives every record of the case, and PAR support begins.</source>
        <translation>El docente consultor recibe todos los registros del caso y comienza el apoyo de PAR.</translation>
    </message>
    <message>
        <source>Consulting teacher</source>
        <translation>Docente consultor</translation>
    </message>
    <message>
        <source>No PAR case has been shared with you yet.</source>
        <translation>Aún no se ha compartido con usted ningún caso de PAR.</translation>
    </message>
    <message>
        <source>Program evaluation %1</source>
        <translation>Evaluación del programa %1</translation>
    </message>
    <message>
        <source>Waiting for a consulting teacher (%1)</source>
        <translation>En espera de un docente consultor (%1)</translation>
    </message>
    <message>
        <source>No referral is waiting.</source>
        <translation>No hay remisiones en espera.</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>%1 · %2 · referred %3</source>
        <translation>%1 · %2 · remitido el %3</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Formularios</translation>
    </message>
    <message>
        <source>Forms of %1&apos;s case</source>
        <translation>Formularios del caso de %1</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Asignar</translation>
    </message>
    <message>
        <source>Cases across the sites (%1)</source>
        <translation>Casos en todos los planteles (%1)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Consulting teacher: %1</source>
        <translation>Docente consultor: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n deadline(s) overdue</source>
        <translation>
            <numerusform>%n plazo vencido</numerusform>
            <numerusform>%n plazos vencidos</numerusform>
        </translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>Reasignar</translation>
    </message>
    <message>
        <source>Reassign %1&apos;s case to another consulting teacher</source>
        <translation>Reasignar el caso de %1 a otro docente consultor</translation>
    </message>
    <message>
        <source>Consulting teachers</source>
        <translation>Docentes consultores</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n case(s)</source>
        <translation>
            <numerusform>%1 · %n caso</numerusform>
            <numerusform>%1 · %n casos</numerusform>
        </translation>
    </message>
    <message>
        <source>Logged %1 of %2 allotted · stipend %3</source>
        <translation>Registradas %1 de %2 asignadas · estipendio %3</translation>
    </message>
    <message>
        <source>Logged %1 (the district sets no stipend schedule)</source>
        <translation>Registradas %1 (el distrito no fija una tabla de estipendios)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Referred</source>
        <translation>Remitido</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>Voluntario</translation>
    </message>
    <message>
        <source>Induction</source>
        <translation>Inducción</translation>
    </message>
    <message>
        <source>Intern</source>
        <translation>Pasante</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Remisión</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Extended</source>
        <translation>Prorrogado</translation>
    </message>
    <message>
        <source>Discontinued</source>
        <translation>Concluido</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Retirado</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hora</numerusform>
            <numerusform>%n horas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 horas</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%2: %1</translation>
    </message>
    <message>
        <source>Participating teachers</source>
        <translation>Docentes participantes</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Waiting for a consulting teacher</source>
        <translation>En espera de un docente consultor</translation>
    </message>
    <message>
        <source>Support under way</source>
        <translation>Apoyo en curso</translation>
    </message>
    <message>
        <source> (%1 extended)</source>
        <translation> (%1 prorrogados)</translation>
    </message>
    <message>
        <source>Completed (support discontinued)</source>
        <translation>Completado (apoyo concluido)</translation>
    </message>
    <message>
        <source>Withdrew</source>
        <translation>Se retiraron</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>Finalización</translation>
    </message>
    <message>
        <source>%1% of those who ended</source>
        <translation>%1 % de quienes terminaron</translation>
    </message>
    <message>
        <source>none ended yet</source>
        <translation>nadie ha terminado aún</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Retención</translation>
    </message>
    <message>
        <source>%1% still certified in the district (%2 of %3)</source>
        <translation>%1 % sigue acreditado en el distrito (%2 de %3)</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>aún no se sabe</translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation>%1 hasta el %2</translation>
    </message>
    <message>
        <source>Before: %1</source>
        <translation>Antes: %1</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1 beyond the allotment: additional hours are asked of the PAR Panel</source>
        <translation>%1 por encima de lo asignado: las horas adicionales se solicitan al Panel PAR</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) of curriculum or staff development would bring the service to %1 hours</source>
        <translation>
            <numerusform>%n hora de desarrollo curricular o profesional completaría el servicio a %1 horas</numerusform>
            <numerusform>%n horas de desarrollo curricular o profesional completarían el servicio a %1 horas</numerusform>
        </translation>
    </message>
    <message>
        <source>No stipend in the schedule for: %1</source>
        <translation>Sin estipendio en la tabla para: %1</translation>
    </message>
    <message>
        <source>Your response is attached</source>
        <translation>Su respuesta está adjunta</translation>
    </message>
    <message>
        <source>Your response has not reached the case store yet</source>
        <translation>Su respuesta aún no ha llegado al servidor de casos</translation>
    </message>
    <message>
        <source>The teacher wrote a response</source>
        <translation>El docente escribió una respuesta</translation>
    </message>
    <message>
        <source>Check this device&apos;s date to see the days left to respond</source>
        <translation>Revise la fecha de este dispositivo para ver los días que quedan para responder</translation>
    </message>
    <message>
        <source>The response window has closed</source>
        <translation>El plazo de respuesta se ha cerrado</translation>
    </message>
    <message>
        <source>Last day to write a response</source>
        <translation>Último día para escribir una respuesta</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left to write a response</source>
        <translation>
            <numerusform>Queda %n día para escribir una respuesta</numerusform>
            <numerusform>Quedan %n días para escribir una respuesta</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Replaced by version %1</source>
        <translation>Reemplazado por la versión %1</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>Reemplazado</translation>
    </message>
    <message>
        <source>You declined to sign</source>
        <translation>Usted se negó a firmar</translation>
    </message>
    <message>
        <source>The teacher declined to sign</source>
        <translation>El docente se negó a firmar</translation>
    </message>
    <message>
        <source>You acknowledged receipt</source>
        <translation>Usted acusó recibo</translation>
    </message>
    <message>
        <source>Teacher acknowledged receipt</source>
        <translation>El docente acusó recibo</translation>
    </message>
    <message>
        <source>Awaiting your signature</source>
        <translation>Espera su firma</translation>
    </message>
    <message>
        <source>Awaiting the teacher&apos;s signature</source>
        <translation>Espera la firma del docente</translation>
    </message>
    <message>
        <source>participating teacher</source>
        <translation>docente participante</translation>
    </message>
    <message>
        <source>PAR mentor</source>
        <translation>mentor PAR</translation>
    </message>
    <message>
        <source>site administrator</source>
        <translation>administrador del plantel</translation>
    </message>
    <message>
        <source>director of induction</source>
        <translation>director de inducción</translation>
    </message>
    <message>
        <source>PAR panel</source>
        <translation>panel PAR</translation>
    </message>
    <message>
        <source>district records</source>
        <translation>archivo del distrito</translation>
    </message>
    <message>
        <source>observation notes</source>
        <translation>notas de observación</translation>
    </message>
    <message>
        <source>reports</source>
        <translation>informes</translation>
    </message>
    <message>
        <source>teacher responses</source>
        <translation>respuestas del docente</translation>
    </message>
    <message>
        <source>triad meeting summaries</source>
        <translation>resúmenes de reuniones de la tríada</translation>
    </message>
    <message>
        <source>panel deliberations</source>
        <translation>deliberaciones del panel</translation>
    </message>
    <message>
        <source>personnel file entries</source>
        <translation>anotaciones del expediente personal</translation>
    </message>
    <message>
        <source>consent forms</source>
        <translation>formularios de consentimiento</translation>
    </message>
    <message>
        <source>site administrator&apos;s additional evidence</source>
        <translation>evidencia adicional del administrador del plantel</translation>
    </message>
    <message>
        <source>PAR referral</source>
        <translation>remisión a PAR</translation>
    </message>
    <message>
        <source>memoranda of understanding</source>
        <translation>memorandos de entendimiento</translation>
    </message>
    <message>
        <source>standards of focus</source>
        <translation>estándares de enfoque</translation>
    </message>
    <message>
        <source>meeting logs</source>
        <translation>registros de reuniones</translation>
    </message>
    <message>
        <source>year-end report</source>
        <translation>informe de fin de año</translation>
    </message>
    <message>
        <source>panel decision</source>
        <translation>decisión del panel</translation>
    </message>
    <message>
        <source>panel work</source>
        <translation>trabajo del panel</translation>
    </message>
    <message>
        <source>consulting teacher preferences</source>
        <translation>preferencias de docente consultor</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>The teacher&apos;s preferences: %1</source>
        <translation>Preferencias del docente: %1</translation>
    </message>
    <message>
        <source>The teacher may rank consulting teachers until %1</source>
        <translation>El docente puede ordenar a los docentes consultores hasta el %1</translation>
    </message>
    <message>
        <source>No preferences returned by %1: designate the consulting teacher</source>
        <translation>No se entregaron preferencias antes del %1: designe al docente consultor</translation>
    </message>
    <message>
        <source>person</source>
        <translation>persona</translation>
    </message>
    <message>
        <source>case</source>
        <translation>caso</translation>
    </message>
    <message>
        <source>observation</source>
        <translation>observación</translation>
    </message>
    <message>
        <source>end of observation</source>
        <translation>fin de la observación</translation>
    </message>
    <message>
        <source>note</source>
        <translation>nota</translation>
    </message>
    <message>
        <source>note correction</source>
        <translation>corrección de nota</translation>
    </message>
    <message>
        <source>note draft</source>
        <translation>borrador de nota</translation>
    </message>
    <message>
        <source>photo or audio memo</source>
        <translation>foto o nota de voz</translation>
    </message>
    <message>
        <source>document</source>
        <translation>documento</translation>
    </message>
    <message>
        <source>key grant</source>
        <translation>concesión de clave</translation>
    </message>
    <message>
        <source>acknowledgement</source>
        <translation>acuse de recibo</translation>
    </message>
    <message>
        <source>case update</source>
        <translation>actualización del caso</translation>
    </message>
    <message>
        <source>report draft</source>
        <translation>borrador de informe</translation>
    </message>
    <message>
        <source>electronic records agreement</source>
        <translation>acuerdo de registros electrónicos</translation>
    </message>
    <message>
        <source>refusal to sign</source>
        <translation>negativa a firmar</translation>
    </message>
    <message>
        <source>response draft</source>
        <translation>borrador de respuesta</translation>
    </message>
    <message>
        <source>report delivery</source>
        <translation>entrega de informe</translation>
    </message>
    <message>
        <source>form signature</source>
        <translation>firma de formulario</translation>
    </message>
</context>
<context>
    <name>ReportComposerPage</name>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Back; the draft stays on this device</source>
        <translation>Atrás; el borrador queda en este dispositivo</translation>
    </message>
    <message>
        <source>Compose again</source>
        <translation>Volver a redactar</translation>
    </message>
    <message>
        <source>Rebuilds the evidence from the notes, keeping the narratives written</source>
        <translation>Reconstruye la evidencia a partir de las notas y conserva las narrativas escritas</translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation>Emitir…</translation>
    </message>
    <message>
        <source>Issue this report?</source>
        <translation>¿Emitir este informe?</translation>
    </message>
    <message>
        <source>Once issued, this version never changes: it is sealed to its readers and sent to the teacher at the next sync. A correction is a new version that visibly replaces it.</source>
        <translation>Una vez emitida, esta versión no cambia nunca: se sella para sus lectores y se envía al docente en la próxima sincronización. Una corrección es una nueva versión que la reemplaza de forma visible.</translation>
    </message>
    <message>
        <source>Overall narrative</source>
        <translation>Narrativa general</translation>
    </message>
    <message>
        <source>What the period showed, across the standards (required to issue)</source>
        <translation>Lo que mostró el periodo, en todos los estándares (obligatorio para emitir)</translation>
    </message>
    <message>
        <source>Focus · </source>
        <translation>Enfoque · </translation>
    </message>
    <message numerus="yes">
        <source>%n excerpt(s)</source>
        <translation>
            <numerusform>%n extracto</numerusform>
            <numerusform>%n extractos</numerusform>
        </translation>
    </message>
    <message>
        <source>Narrative for this standard</source>
        <translation>Narrativa para este estándar</translation>
    </message>
    <message>
        <source>Narrative for %1</source>
        <translation>Narrativa para %1</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Signing says you received this report, not that you agree with it.</source>
        <translation>Firmar indica que recibió este informe, no que esté de acuerdo con él.</translation>
    </message>
    <message>
        <source>If the teacher will not sign, record it with the date and a witness.</source>
        <translation>Si el docente no firma, regístrelo con la fecha y un testigo.</translation>
    </message>
    <message>
        <source>Acknowledge receipt…</source>
        <translation>Acusar recibo…</translation>
    </message>
    <message>
        <source>Record a refusal to sign…</source>
        <translation>Registrar negativa a firmar…</translation>
    </message>
    <message>
        <source>Submit your response?</source>
        <translation>¿Enviar su respuesta?</translation>
    </message>
    <message>
        <source>Your response will be signed and attached to this version of the report, for everyone who reads it: your mentor, and in a referred case your site administrator and the panel. You cannot change it afterwards.</source>
        <translation>Su respuesta se firmará y se adjuntará a esta versión del informe para todos los que lo lean: su mentor y, en un caso remitido, su administrador del plantel y el panel. No podrá cambiarla después.</translation>
    </message>
    <message>
        <source>Keep writing</source>
        <translation>Seguir escribiendo</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Add evidence to this report</source>
        <translation>Agregar evidencia a este informe</translation>
    </message>
    <message>
        <source>Where you see the teacher&apos;s practice differently, add what you observed. It is signed by you and attached to this version for the teacher, the mentor and the panel to read; it cannot be changed afterwards.</source>
        <translation>Si usted ve la práctica del docente de otra manera, agregue lo que observó. Lo firma usted y se adjunta a esta versión para que lo lean el docente, el mentor y el panel; no se puede cambiar después.</translation>
    </message>
    <message>
        <source>What you observed, when and where</source>
        <translation>Lo que observó, cuándo y dónde</translation>
    </message>
    <message>
        <source>Additional evidence</source>
        <translation>Evidencia adicional</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Sign and attach</source>
        <translation>Firmar y adjuntar</translation>
    </message>
    <message>
        <source>Open the current version</source>
        <translation>Abrir la versión vigente</translation>
    </message>
    <message>
        <source>Your rights</source>
        <translation>Sus derechos</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>(no summary)</source>
        <translation>(sin resumen)</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>Enfoque</translation>
    </message>
    <message>
        <source>(no narrative for this standard)</source>
        <translation>(sin narrativa para este estándar)</translation>
    </message>
    <message>
        <source>Photo evidence</source>
        <translation>Evidencia fotográfica</translation>
    </message>
    <message>
        <source>Photo not on this device yet: it arrives with the next sync.</source>
        <translation>La foto aún no está en este dispositivo: llega con la próxima sincronización.</translation>
    </message>
    <message>
        <source>Corrected after the observation</source>
        <translation>Corregida después de la observación</translation>
    </message>
    <message>
        <source>Your written response</source>
        <translation>Su respuesta escrita</translation>
    </message>
    <message>
        <source>The teacher&apos;s written response</source>
        <translation>La respuesta escrita del docente</translation>
    </message>
    <message>
        <source>Your draft stays on this device only, until you submit it.</source>
        <translation>Su borrador queda solo en este dispositivo hasta que lo envíe.</translation>
    </message>
    <message>
        <source>Write your response to this report…</source>
        <translation>Escriba su respuesta a este informe…</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Descartar borrador</translation>
    </message>
    <message>
        <source>Submit response…</source>
        <translation>Enviar respuesta…</translation>
    </message>
    <message>
        <source>Site administrator&apos;s additional evidence</source>
        <translation>Evidencia adicional del administrador del plantel</translation>
    </message>
    <message>
        <source>Add evidence…</source>
        <translation>Agregar evidencia…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
</context>
<context>
    <name>ReportRow</name>
    <message>
        <source>Opens the report</source>
        <translation>Abre el informe</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>de %1</translation>
    </message>
</context>
<context>
    <name>SiteCasesPage</name>
    <message>
        <source>Cases at my sites</source>
        <translation>Casos por plantel</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n case(s)</source>
        <translation>
            <numerusform>%1 · %n caso</numerusform>
            <numerusform>%1 · %n casos</numerusform>
        </translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>The PAR program: waiting referrals, cases across the sites, consulting teachers&apos; hours, figures</source>
        <translation>El programa PAR: remisiones en espera, casos en todos los planteles, horas de los docentes consultores, cifras</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Lock Triad</source>
        <translation>Bloquear Triad</translation>
    </message>
    <message>
        <source>Standards of focus: %1</source>
        <translation>Estándares de enfoque: %1</translation>
    </message>
    <message>
        <source>Forms and deadlines</source>
        <translation>Formularios y plazos</translation>
    </message>
    <message>
        <source>Forms and deadlines for %1</source>
        <translation>Formularios y plazos de %1</translation>
    </message>
    <message>
        <source>No report you may read yet.</source>
        <translation>Aún no hay informes que pueda leer.</translation>
    </message>
    <message>
        <source>No cases at your sites on this device yet. They arrive when the device syncs.</source>
        <translation>Aún no hay casos de sus planteles en este dispositivo. Llegan cuando el dispositivo se sincroniza.</translation>
    </message>
</context>
<context>
    <name>StartObservationPane</name>
    <message>
        <source>Start an observation</source>
        <translation>Iniciar una observación</translation>
    </message>
    <message>
        <source>Standards of focus: %1</source>
        <translation>Estándares de enfoque: %1</translation>
    </message>
    <message>
        <source>Informal</source>
        <translation>Informal</translation>
    </message>
    <message>
        <source>Formal</source>
        <translation>Formal</translation>
    </message>
    <message>
        <source>Scheduled with the teacher</source>
        <translation>Programada con el docente</translation>
    </message>
    <message>
        <source>Unscheduled visit</source>
        <translation>Visita no programada</translation>
    </message>
    <message>
        <source>Class or period, e.g. Period 2 — World History</source>
        <translation>Clase o periodo, p. ej., 2.º Historia</translation>
    </message>
    <message>
        <source>Class or period</source>
        <translation>Clase o periodo</translation>
    </message>
    <message>
        <source>Start observation</source>
        <translation>Iniciar observación</translation>
    </message>
    <message>
        <source>The clock starts now. Everything stays on this device, encrypted, until it syncs.</source>
        <translation>El reloj empieza ahora. Todo queda cifrado en este dispositivo hasta que se sincronice.</translation>
    </message>
</context>
<context>
    <name>StatusBadge</name>
    <message>
        <source>Opens the sync details</source>
        <translation>Abre los detalles de sincronización</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Sincronizando</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>· %1 to sync</source>
        <translation>· %1 por sincronizar</translation>
    </message>
</context>
<context>
    <name>SummaryPane</name>
    <message>
        <source>Observation summary</source>
        <translation>Resumen de la observación</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n nota</numerusform>
            <numerusform>%n notas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n without a standard</source>
        <translation>
            <numerusform> · %n sin estándar</numerusform>
            <numerusform> · %n sin estándar</numerusform>
        </translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>SyncSheet</name>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Case store</source>
        <translation>Servidor de casos</translation>
    </message>
    <message>
        <source>None yet — chosen when this device is enrolled</source>
        <translation>Ninguno aún — se elige al inscribir este dispositivo</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Pendiente de envío</translation>
    </message>
    <message>
        <source>Nothing — all changes sent</source>
        <translation>Nada — todos los cambios enviados</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n cambio</numerusform>
            <numerusform>%n cambios</numerusform>
        </translation>
    </message>
    <message>
        <source>Set aside</source>
        <translation>Apartados</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n registro</numerusform>
            <numerusform>%n registros</numerusform>
        </translation>
    </message>
    <message>
        <source>These records are kept on this device but the case store or this device refused them. They do not hold up anything else. Tell your district IT if a reason is unclear.</source>
        <translation>Estos registros se conservan en este dispositivo, pero el servidor de casos o este dispositivo los rechazó. No detienen nada más. Avise al departamento de informática de su distrito si un motivo no está claro.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Try set-aside records again</source>
        <translation>Reintentar los registros apartados</translation>
    </message>
</context>
<context>
    <name>TagChips</name>
    <message>
        <source>Standards of focus</source>
        <translation>Estándares de enfoque</translation>
    </message>
    <message>
        <source>Remove tag %1 %2</source>
        <translation>Quitar la etiqueta %1 %2</translation>
    </message>
    <message>
        <source>Tag %1 %2</source>
        <translation>Etiquetar %1 %2</translation>
    </message>
</context>
<context>
    <name>TagPanel</name>
    <message>
        <source>Search standards, e.g. 2.6 or &quot;routines&quot;</source>
        <translation>Buscar estándares, p. ej., 2.6 o «routines»</translation>
    </message>
    <message>
        <source>Search CSTP standards</source>
        <translation>Buscar estándares CSTP</translation>
    </message>
    <message>
        <source>Remove tag %1 %2</source>
        <translation>Quitar la etiqueta %1 %2</translation>
    </message>
    <message>
        <source>Tag %1 %2</source>
        <translation>Etiquetar %1 %2</translation>
    </message>
</context>
<context>
    <name>TagSearchSheet</name>
    <message>
        <source>CSTP standards</source>
        <translation>Estándares CSTP</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Triad</source>
        <translation>Triad</translation>
    </message>
    <message>
        <source>Peer Assistance and Review · observation notes</source>
        <translation>Asistencia y Evaluación entre Pares · notas de observación</translation>
    </message>
    <message>
        <source>Your notes on this device are encrypted. Enter your passphrase to open them.</source>
        <translation>Sus notas en este dispositivo están cifradas. Escriba su frase de contraseña para abrirlas.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Abriendo…</translation>
    </message>
    <message>
        <source>Open my notes</source>
        <translation>Abrir mis notas</translation>
    </message>
    <message>
        <source>Works without a network. Nothing leaves this device until it syncs with your district&apos;s case store.</source>
        <translation>Funciona sin red. Nada sale de este dispositivo hasta que se sincroniza con el servidor de casos de su distrito.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
</context>
<context>
    <name>triad::ui::AudioMemoPlayer</name>
    <message>
        <source>Triad is locked. Unlock it to play the memo.</source>
        <translation>Triad está bloqueado. Desbloquéelo para reproducir la nota de voz.</translation>
    </message>
    <message>
        <source>There is no audio memo to play.</source>
        <translation>No hay ninguna nota de voz que reproducir.</translation>
    </message>
    <message>
        <source>The audio memo cannot be played: %1</source>
        <translation>No se puede reproducir la nota de voz: %1</translation>
    </message>
</context>
<context>
    <name>triad::ui::CaseFormsController</name>
    <message>
        <source>%1 participation · %2 · %3</source>
        <translation>Participación: %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Edited in two places: save one version</source>
        <translation>Modificado en dos lugares: guarde una versión</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Firmado</translation>
    </message>
    <message>
        <source>Signed by everyone</source>
        <translation>Firmado por todos</translation>
    </message>
    <message numerus="yes">
        <source>Draft: %n answer(s) missing</source>
        <translation>
            <numerusform>Borrador: falta %n respuesta</numerusform>
            <numerusform>Borrador: faltan %n respuestas</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for: %1</source>
        <translation>Falta: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n periods missed, the oldest: %1</source>
        <translation>
            <numerusform>%n periodo no cumplido: %1</numerusform>
            <numerusform>%n periodos no cumplidos; el más antiguo: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>You consented that the %1 may read: %2.</source>
        <translation>Usted autorizó que lean (%1): %2.</translation>
    </message>
    <message>
        <source>No consent in force: everything stays between you and your PAR mentor, and nothing reaches your personnel file.</source>
        <translation>No hay consentimiento vigente: todo queda entre usted y su mentor PAR, y nada llega a su expediente personal.</translation>
    </message>
    <message>
        <source>Choose who may read, and what.</source>
        <translation>Elija quién puede leer y qué.</translation>
    </message>
    <message>
        <source>Formal observation</source>
        <translation>Observación formal</translation>
    </message>
    <message>
        <source>Informal observation</source>
        <translation>Observación informal</translation>
    </message>
</context>
<context>
    <name>triad::ui::CaseloadModel</name>
    <message numerus="yes">
        <source>%n report(s) await the teacher&apos;s signature</source>
        <translation>
            <numerusform>%n informe espera la firma del docente</numerusform>
            <numerusform>%n informes esperan la firma del docente</numerusform>
        </translation>
    </message>
    <message>
        <source>Observed today</source>
        <translation>Observado hoy</translation>
    </message>
    <message>
        <source>Observed yesterday</source>
        <translation>Observado ayer</translation>
    </message>
    <message numerus="yes">
        <source>Observed %n day(s) ago</source>
        <translation>
            <numerusform>Observado hace %n día</numerusform>
            <numerusform>Observado hace %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Not observed yet</source>
        <translation>Aún sin observar</translation>
    </message>
</context>
<context>
    <name>triad::ui::EvidenceController</name>
    <message>
        <source>Triad is locked. Unlock it to attach evidence.</source>
        <translation>Triad está bloqueado. Desbloquéelo para adjuntar evidencia.</translation>
    </message>
</context>
<context>
    <name>triad::ui::EvidenceModel</name>
    <message>
        <source>Not a valid id: %1</source>
        <translation>Identificador no válido: %1</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Audio memo</source>
        <translation>Nota de voz</translation>
    </message>
</context>
<context>
    <name>triad::ui::FormController</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Edited after %1 signed an earlier version: they sign this one again.</source>
        <translation>Modificado después de que %1 firmara una versión anterior: debe volver a firmar esta.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1&apos;s extension rule: %2</source>
        <translation>Regla de prórroga de %1: %2</translation>
    </message>
    <message>
        <source>%1&apos;s rule: %2</source>
        <translation>Regla de %1: %2</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <source>Choose the key backup file of the person signing.</source>
        <translation>Elija el archivo de copia de claves de la persona que firma.</translation>
    </message>
    <message>
        <source>That passphrase does not open this key backup. Nothing was signed.</source>
        <translation>Esa frase de contraseña no abre esta copia de claves. No se firmó nada.</translation>
    </message>
    <message>
        <source>That passphrase is not right. Nothing was signed.</source>
        <translation>Esa frase de contraseña no es correcta. No se firmó nada.</translation>
    </message>
    <message>
        <source>Before your first signature, agree to receive and sign PAR records electronically, or ask for paper copies.</source>
        <translation>Antes de su primera firma, acepte recibir y firmar electrónicamente los documentos de PAR, o pida copias en papel.</translation>
    </message>
    <message>
        <source>No preference</source>
        <translation>Sin preferencia</translation>
    </message>
    <message>
        <source>A consulting teacher no longer certified</source>
        <translation>Un docente consultor que ya no está certificado</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Formal observation, %1</source>
        <translation>Observación formal, %1</translation>
    </message>
    <message>
        <source>Informal observation, %1</source>
        <translation>Observación informal, %1</translation>
    </message>
    <message>
        <source>An observation of the case (held by the PAR mentor)</source>
        <translation>Una observación del caso (en poder del mentor PAR)</translation>
    </message>
</context>
<context>
    <name>triad::ui::NewReferral</name>
    <message>
        <source>Choose the teacher to refer.</source>
        <translation>Elija al docente que se remite.</translation>
    </message>
    <message>
        <source>Say which school the teacher teaches at.</source>
        <translation>Indique en qué escuela enseña el docente.</translation>
    </message>
</context>
<context>
    <name>triad::ui::NoteListModel</name>
    <message>
        <source>Original note</source>
        <translation>Nota original</translation>
    </message>
</context>
<context>
    <name>triad::ui::ObservationController</name>
    <message>
        <source>Formal observation</source>
        <translation>Observación formal</translation>
    </message>
    <message>
        <source>Informal observation</source>
        <translation>Observación informal</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>programada</translation>
    </message>
    <message>
        <source>unscheduled</source>
        <translation>no programada</translation>
    </message>
    <message>
        <source>That note is not part of this observation.</source>
        <translation>Esa nota no forma parte de esta observación.</translation>
    </message>
    <message>
        <source>That note cannot be opened, so it cannot be corrected.</source>
        <translation>Esa nota no se puede abrir, así que no se puede corregir.</translation>
    </message>
    <message>
        <source>Save or clear the note you are typing before ending the observation.</source>
        <translation>Guarde o borre la nota que está escribiendo antes de terminar la observación.</translation>
    </message>
</context>
<context>
    <name>triad::ui::ObservationSummaryModel</name>
    <message>
        <source>The standard as a whole</source>
        <translation>El estándar en su conjunto</translation>
    </message>
</context>
<context>
    <name>triad::ui::ProgramController</name>
    <message>
        <source>The district sets no priority order: the longest waiting referral is served first.</source>
        <translation>El distrito no fija un orden de prioridad: se atiende primero la remisión que lleva más tiempo en espera.</translation>
    </message>
    <message>
        <source>Served in the district&apos;s priority order when consulting teachers are short.</source>
        <translation>Se atienden en el orden de prioridad del distrito cuando faltan docentes consultores.</translation>
    </message>
    <message>
        <source>Counted from case records and the district directory; no note, report or form is opened. Confidential (volunteer, induction, intern) participation is counted only where its case record was shared.</source>
        <translation>Contado a partir de los registros de casos y del directorio del distrito; no se abre ninguna nota, informe ni formulario. La participación confidencial (voluntaria, de inducción, de pasantes) solo se cuenta cuando se compartió su registro de caso.</translation>
    </message>
    <message>
        <source>Choose a case and a consulting teacher.</source>
        <translation>Elija un caso y un docente consultor.</translation>
    </message>
</context>
<context>
    <name>triad::ui::ReportComposer</name>
    <message>
        <source>No draft yet</source>
        <translation>Aún no hay borrador</translation>
    </message>
    <message>
        <source>Draft of a new version</source>
        <translation>Borrador de una nueva versión</translation>
    </message>
    <message>
        <source>Draft of a new report</source>
        <translation>Borrador de un nuevo informe</translation>
    </message>
    <message>
        <source>Period %1 – %2</source>
        <translation>Periodo %1 – %2</translation>
    </message>
    <message numerus="yes">
        <source>%n observation(s)</source>
        <translation>
            <numerusform>%n observación</numerusform>
            <numerusform>%n observaciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evidence excerpt(s)</source>
        <translation>
            <numerusform>%n extracto de evidencia</numerusform>
            <numerusform>%n extractos de evidencia</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) without a CSTP tag were left out; tag them and compose again to include them.</source>
        <translation>
            <numerusform>Se dejó fuera %n nota sin etiqueta CSTP; etiquétela y vuelva a redactar para incluirla.</numerusform>
            <numerusform>Se dejaron fuera %n notas sin etiqueta CSTP; etiquételas y vuelva a redactar para incluirlas.</numerusform>
        </translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation>No hay ningún caso abierto.</translation>
    </message>
</context>
<context>
    <name>triad::ui::ReportController</name>
    <message>
        <source>This report cannot be found on this device.</source>
        <translation>Este informe no se encuentra en este dispositivo.</translation>
    </message>
    <message>
        <source>Report for %1</source>
        <translation>Informe de %1</translation>
    </message>
    <message>
        <source>By %1 · issued %2</source>
        <translation>De %1 · emitido el %2</translation>
    </message>
    <message>
        <source>%1 · by %2 · issued %3</source>
        <translation>%1 · de %2 · emitido el %3</translation>
    </message>
    <message>
        <source>Version %1. It was replaced by version %2: the current version is the one to read and sign.</source>
        <translation>Versión %1. Fue reemplazada por la versión %2: la versión vigente es la que se lee y se firma.</translation>
    </message>
    <message>
        <source>Version %1, since replaced.</source>
        <translation>Versión %1, ya reemplazada.</translation>
    </message>
    <message>
        <source>Version %1: it replaces version %2.</source>
        <translation>Versión %1: reemplaza a la versión %2.</translation>
    </message>
    <message>
        <source>Version 1</source>
        <translation>Versión 1</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n foto</numerusform>
            <numerusform>%n fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n audio memo(s)</source>
        <translation>
            <numerusform>%n nota de voz</numerusform>
            <numerusform>%n notas de voz</numerusform>
        </translation>
    </message>
    <message>
        <source>The teacher declined to sign this version on %1 (witness: %2).</source>
        <translation>El docente se negó a firmar esta versión el %1 (testigo: %2).</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Nota: %1</translation>
    </message>
    <message>
        <source>Not yet received by the district&apos;s case store: it will be once this device syncs.</source>
        <translation>Aún no lo ha recibido el servidor de casos del distrito: lo recibirá cuando este dispositivo se sincronice.</translation>
    </message>
    <message>
        <source>Written %1</source>
        <translation>Escrita el %1</translation>
    </message>
    <message>
        <source>case store %1</source>
        <translation>servidor de casos %1</translation>
    </message>
    <message>
        <source>Only the case&apos;s site administrator adds evidence, and only to a referred case&apos;s report.</source>
        <translation>Solo el administrador del plantel del caso agrega evidencia, y solo al informe de un caso remitido.</translation>
    </message>
    <message>
        <source>Only the participating teacher can respond to this report.</source>
        <translation>Solo el docente participante puede responder a este informe.</translation>
    </message>
    <message>
        <source>Only the case&apos;s PAR mentor can record that the teacher declined to sign, and only before a signature.</source>
        <translation>Solo el mentor PAR del caso puede registrar que el docente se negó a firmar, y solo antes de una firma.</translation>
    </message>
    <message>
        <source>Write the date the teacher declined as year-month-day, for example %1.</source>
        <translation>Escriba la fecha en que el docente se negó como año-mes-día, por ejemplo %1.</translation>
    </message>
    <message>
        <source>Only the participating teacher can acknowledge the current version of this report.</source>
        <translation>Solo el docente participante puede acusar recibo de la versión vigente de este informe.</translation>
    </message>
    <message>
        <source>Type your passphrase to sign.</source>
        <translation>Escriba su frase de contraseña para firmar.</translation>
    </message>
    <message>
        <source>That passphrase is not right. Nothing was signed.</source>
        <translation>Esa frase de contraseña no es correcta. No se firmó nada.</translation>
    </message>
    <message>
        <source>Before your first signature, agree to receive and sign PAR records electronically, or ask for paper copies.</source>
        <translation>Antes de su primera firma, acepte recibir y firmar electrónicamente los documentos de PAR, o pida copias en papel.</translation>
    </message>
    <message>
        <source>Issued by the PAR mentor</source>
        <translation>Emitido por el mentor PAR</translation>
    </message>
    <message>
        <source>Delivered to the teacher&apos;s device</source>
        <translation>Entregado en el dispositivo del docente</translation>
    </message>
    <message>
        <source>First viewed by the teacher</source>
        <translation>Visto por primera vez por el docente</translation>
    </message>
    <message>
        <source>Acknowledged by the teacher</source>
        <translation>Recibo acusado por el docente</translation>
    </message>
    <message>
        <source>Declined to sign on %1 (recorded by the PAR mentor, witness %2)</source>
        <translation>Se negó a firmar el %1 (registrado por el mentor PAR, testigo: %2)</translation>
    </message>
    <message>
        <source>Written response submitted</source>
        <translation>Respuesta escrita enviada</translation>
    </message>
    <message>
        <source>Additional evidence added by the site administrator</source>
        <translation>Evidencia adicional agregada por el administrador del plantel</translation>
    </message>
</context>
<context>
    <name>triad::ui::ReportListModel</name>
    <message>
        <source>Report %1 · version %2</source>
        <translation>Informe %1 · versión %2</translation>
    </message>
    <message>
        <source>Issued %1</source>
        <translation>Emitido el %1</translation>
    </message>
</context>
<context>
    <name>triad::ui::Session</name>
    <message>
        <source>%1 · all changes saved on this device</source>
        <translation>%1 · todos los cambios guardados en este dispositivo</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n change(s) saved here, waiting to sync</source>
        <translation>
            <numerusform>%1 · %n cambio guardado aquí, pendiente de sincronizar</numerusform>
            <numerusform>%1 · %n cambios guardados aquí, pendientes de sincronizar</numerusform>
        </translation>
    </message>
    <message>
        <source>This device&apos;s copy of the district directory was due for renewal on %1. Sync to bring the current one; until then Triad may stop sharing records with others. Your notes are safe.</source>
        <translation>La copia del directorio del distrito en este dispositivo debía renovarse el %1. Sincronice para obtener la actual; mientras tanto, Triad puede dejar de compartir registros con otras personas. Sus notas están a salvo.</translation>
    </message>
    <message>
        <source>Type your passphrase to open your notes.</source>
        <translation>Escriba su frase de contraseña para abrir sus notas.</translation>
    </message>
</context>
<context>
    <name>triad::ui::SyncController</name>
    <message>
        <source>record</source>
        <translation>registro</translation>
    </message>
    <message>
        <source>Received %1 %2: %3</source>
        <translation>Recibido %1 %2: %3</translation>
    </message>
    <message>
        <source>Not sent: %1 %2: %3</source>
        <translation>No enviado: %1 %2: %3</translation>
    </message>
    <message>
        <source>Not connected to a case store</source>
        <translation>Sin conexión a un servidor de casos</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation>Hay que iniciar sesión</translation>
    </message>
    <message>
        <source>Sync problem</source>
        <translation>Problema de sincronización</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Nunca sincronizado</translation>
    </message>
    <message>
        <source>Last synced today at %1</source>
        <translation>Última sincronización hoy a las %1</translation>
    </message>
    <message>
        <source>Last synced %1 at %2</source>
        <translation>Última sincronización el %1 a las %2</translation>
    </message>
    <message>
        <source>Receiving %1 of %2 records</source>
        <translation>Recibiendo %1 de %2 registros</translation>
    </message>
    <message>
        <source>Sending: %1 sent, %2 to go</source>
        <translation>Enviando: %1 enviados, faltan %2</translation>
    </message>
    <message>
        <source>Connecting to the case store…</source>
        <translation>Conectando con el servidor de casos…</translation>
    </message>
</context>
<context>
    <name>triad::ui::TagPickerModel</name>
    <message>
        <source>Standards of focus</source>
        <translation>Estándares de enfoque</translation>
    </message>
    <message>
        <source>Standard %1 (overall): %2</source>
        <translation>Estándar %1 (general): %2</translation>
    </message>
    <message>
        <source>Standard %1: %2</source>
        <translation>Estándar %1: %2</translation>
    </message>
    <message>
        <source>Standard %1</source>
        <translation>Estándar %1</translation>
    </message>
</context>
</TS>
