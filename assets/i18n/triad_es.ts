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
    <message>
        <source>%1 portfolio — %2 of %3 complete</source>
        <comment>Year 2 portfolio, Semester 3 portfolio</comment>
        <translation>Portafolio — %1 — %2 de %3 completos</translation>
    </message>
    <message>
        <source>%1 portfolio</source>
        <comment>Year 2 portfolio, Semester 3 portfolio</comment>
        <translation>Portafolio — %1</translation>
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
    <message>
        <source>“%2” is not an answer to “%1”: it takes %3. Nothing was saved.</source>
        <translation>«%2» no es una respuesta a «%1»: se espera %3. No se guardó nada.</translation>
    </message>
    <message>
        <source>%1 is already in PAR at %2; that case continues. Nothing was opened.</source>
        <translation>%1 ya participa en PAR en %2; ese caso continúa. No se abrió nada.</translation>
    </message>
    <message>
        <source>This case&apos;s PAR support has ended: no new form is started, and a form begun after the end is not signed. The forms begun before can still be signed.</source>
        <translation>El apoyo PAR de este caso ha terminado: no se inicia ningún formulario nuevo, y un formulario comenzado después del final no se firma. Los formularios comenzados antes aún se pueden firmar.</translation>
    </message>
    <message>
        <source>Your district has not adopted that policy: refer the teacher under your district&apos;s own. Nothing was opened.</source>
        <translation>Su distrito no ha adoptado esa política: remita al maestro según la política de su propio distrito. No se abrió nada.</translation>
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
    <message>
        <source>(in your language: %1)</source>
        <translation>(en español: %1)</translation>
    </message>
    <message>
        <source>Signed in triad meeting mode, with their own keys on another person&apos;s device.</source>
        <translation>Firmado en modo reunión de la tríada, con sus propias claves en el dispositivo de otra persona.</translation>
    </message>
</context>
<context>
    <name>FormSignDialog</name>
    <message>
        <source>Sign — %1</source>
        <translation>Firmar — %1</translation>
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
    <message>
        <source>In your language (the signature is on the English text above): %1</source>
        <translation>En español (la firma es sobre el texto en inglés de arriba): %1</translation>
    </message>
    <message>
        <source>%1 signs: “%2”</source>
        <translation>%1 firma: “%2”</translation>
    </message>
    <message>
        <source>In your language: %1</source>
        <translation>En su idioma: %1</translation>
    </message>
    <message>
        <source>Triad meeting: the person signing chooses their own key backup (or types its path) and enters its passphrase. Their keys are used for this one signature and not kept on this tablet.</source>
        <translation>Reunión de la tríada: quien firma elige su propia copia de seguridad de claves (o escribe su ruta) e introduce su frase de contraseña. Sus claves se usan solo para esta firma y no se guardan en esta tableta.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Choose the key backup file</source>
        <translation>Elegir el archivo de la copia de seguridad de claves</translation>
    </message>
    <message>
        <source>The key backup of the person signing</source>
        <translation>La copia de seguridad de claves de quien firma</translation>
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
    <name>PersonName</name>
    <message>
        <source>someone</source>
        <comment>a signer or writer whose name this device does not hold</comment>
        <translation>alguien</translation>
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
    <message>
        <source>Certificated Teacher Performance Appraisal</source>
        <translation>Evaluación del desempeño del docente certificado</translation>
    </message>
    <message>
        <source>Meet with my PAR Mentor a minimum of %1 each week.</source>
        <translation>Reunirme con mi mentor PAR como mínimo %1 por semana.</translation>
    </message>
    <message>
        <source>Meet with my PAR Mentor a minimum of %1 each month.</source>
        <translation>Reunirme con mi mentor PAR como mínimo %1 al mes.</translation>
    </message>
    <message>
        <source>Meet with the PAR Teacher a minimum of %1 each week.</source>
        <translation>Reunirme con el docente participante como mínimo %1 por semana.</translation>
    </message>
    <message>
        <source>Meet with the PAR Teacher a minimum of %1 each month.</source>
        <translation>Reunirme con el docente participante como mínimo %1 al mes.</translation>
    </message>
    <message>
        <source>%1 (overall)</source>
        <comment>a standard&apos;s overall rating</comment>
        <translation>%1 (global)</translation>
    </message>
    <message>
        <source>The whole standard</source>
        <translation>El estándar completo</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>PAR Referral</source>
        <translation>Remisión a PAR</translation>
    </message>
    <message>
        <source>Site Administrator completes the referral and attaches required documentation. Eligibility is decided by the district&apos;s rule, shown below as the ratings are entered.</source>
        <translation>El administrador del plantel completa la remisión y adjunta la documentación requerida. La elegibilidad se decide según la regla del distrito, que se muestra abajo a medida que se anotan las calificaciones.</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <comment>a section of the referral</comment>
        <translation>Elegibilidad</translation>
    </message>
    <message>
        <source>Date of the most recent Certificated Teacher Performance Appraisal</source>
        <translation>Fecha de la evaluación más reciente del desempeño del docente certificado</translation>
    </message>
    <message>
        <source>Permanent (tenured) status</source>
        <translation>Estatus permanente (titularidad)</translation>
    </message>
    <message>
        <source>Only teachers with permanent status can be referred.</source>
        <translation>Solo se puede remitir a docentes con estatus permanente.</translation>
    </message>
    <message>
        <source>Years taught in the district</source>
        <translation>Años de docencia en el distrito</translation>
    </message>
    <message>
        <source>At least %1 years.</source>
        <translation>Al menos %1 años.</translation>
    </message>
    <message>
        <source>PAR Referral Documents</source>
        <translation>Documentos de la remisión a PAR</translation>
    </message>
    <message>
        <source>Reason(s) for referral, as explained to the teacher</source>
        <translation>Motivo(s) de la remisión, tal como se le explicaron al docente</translation>
    </message>
    <message>
        <source>Additional evidence for PAR referral</source>
        <translation>Evidencia adicional para la remisión a PAR</translation>
    </message>
    <message>
        <source>Describe the appraisal and any additional evidence attached.</source>
        <translation>Describa la evaluación y toda evidencia adicional adjunta.</translation>
    </message>
    <message>
        <source>Briefly describe the teaching history of the referred teacher</source>
        <translation>Describa brevemente la trayectoria docente del docente remitido</translation>
    </message>
    <message>
        <source>Teaching History</source>
        <translation>Trayectoria docente</translation>
    </message>
    <message>
        <source>Years (Example: 2008-2011)</source>
        <translation>Años (ejemplo: 2008-2011)</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Escuela</translation>
    </message>
    <message>
        <source>Grade(s) or Subject(s) Taught</source>
        <translation>Grado(s) o materia(s) que enseñó</translation>
    </message>
    <message>
        <source>All PAR documentation will become part of my personnel file.</source>
        <translation>Toda la documentación de PAR pasará a formar parte de mi expediente personal.</translation>
    </message>
    <message>
        <source>While my participation is voluntary, no PAR record is placed in my personnel file, and what I share stays confidential unless I consent in writing.</source>
        <translation>Mientras mi participación sea voluntaria, ningún registro de PAR se coloca en mi expediente personal, y lo que comparta es confidencial salvo que yo dé mi consentimiento por escrito.</translation>
    </message>
    <message>
        <source>Memorandum of Understanding: Referred Teacher</source>
        <translation>Memorando de entendimiento: docente remitido</translation>
    </message>
    <message>
        <source>Memorandum of Understanding: Participating Teacher</source>
        <translation>Memorando de entendimiento: docente participante</translation>
    </message>
    <message>
        <source>I understand that my involvement in the Peer Assistance and Review (PAR) Program is the result of an administrative referral and is intended to help me improve my instructional practice. The results from my participation in the PAR program may be used for evaluative or employment purposes. %1 In order to successfully complete the PAR process, I must:</source>
        <translation>Entiendo que mi participación en el Programa de Asistencia y Revisión entre Pares (PAR) es el resultado de una remisión administrativa y tiene como fin ayudarme a mejorar mi práctica docente. Los resultados de mi participación en el programa PAR pueden usarse con fines de evaluación o de empleo. %1 Para completar con éxito el proceso PAR, debo:</translation>
    </message>
    <message>
        <source>I understand that I take part in the Peer Assistance and Review (PAR) Program voluntarily, to improve my instructional practice, and that I may end my participation at any time. %1 In order to make the most of PAR, I will:</source>
        <translation>Entiendo que participo en el Programa de Asistencia y Revisión entre Pares (PAR) de manera voluntaria, para mejorar mi práctica docente, y que puedo terminar mi participación en cualquier momento. %1 Para aprovechar PAR al máximo, me comprometo a:</translation>
    </message>
    <message>
        <source>Understand the reasons I have been referred participation in the Peer Assistance and Review (PAR) program.</source>
        <translation>Entender los motivos por los que se me remitió a participar en el programa de Asistencia y Revisión entre Pares (PAR).</translation>
    </message>
    <message>
        <source>Agree with my PAR Mentor on the goals of my participation.</source>
        <translation>Acordar con mi mentor PAR los objetivos de mi participación.</translation>
    </message>
    <message>
        <source>Understand my responsibilities in the PAR Program as explained to me by my PAR Mentor and this Memorandum of Understanding (MOU).</source>
        <translation>Entender mis responsabilidades en el programa PAR, tal como me las explicaron mi mentor PAR y este memorando de entendimiento (MOU).</translation>
    </message>
    <message>
        <source>Notify the Director of Induction if I am dissatisfied with my PAR Mentor. A request for reassignment may be initiated by any party at any time during the support period.</source>
        <translation>Avisar al director de inducción si no estoy conforme con mi mentor PAR. Cualquiera de las partes puede pedir una reasignación en cualquier momento del periodo de apoyo.</translation>
    </message>
    <message>
        <source>Establish and follow meeting norms (e.g., be on time, minimal interruptions, focus on topic, etc.) with my PAR Mentor.</source>
        <translation>Establecer y seguir normas de reunión (por ejemplo, llegar a tiempo, interrupciones mínimas, centrarse en el tema, etc.) con mi mentor PAR.</translation>
    </message>
    <message>
        <source>Attend all scheduled triad meetings with the Site Administrator and my PAR Mentor regarding my progress in the PAR program.</source>
        <translation>Asistir a todas las reuniones de la tríada programadas con el administrador del plantel y mi mentor PAR sobre mi progreso en el programa PAR.</translation>
    </message>
    <message>
        <source>Attend the scheduled meetings with my PAR Mentor.</source>
        <translation>Asistir a las reuniones programadas con mi mentor PAR.</translation>
    </message>
    <message>
        <source>Use the PAR Standards of Focus to focus my work in PAR.</source>
        <translation>Usar los estándares de enfoque de PAR para orientar mi trabajo en PAR.</translation>
    </message>
    <message>
        <source>Complete %1 at the conclusion of my meetings with my PAR Mentor, documenting the PAR work I&apos;ve done.</source>
        <translation>Completar %1 al final de mis reuniones con mi mentor PAR, documentando el trabajo de PAR que he realizado.</translation>
    </message>
    <message>
        <source>Present evidence documenting my work in PAR for review by the PAR panel, which determines whether I am making improvements to my teaching practice in line with the California Standards for the Teaching Profession.</source>
        <translation>Presentar evidencia de mi trabajo en PAR para que la revise el Panel PAR, que determina si estoy mejorando mi práctica docente de acuerdo con los Estándares de California para la Profesión Docente.</translation>
    </message>
    <message>
        <source>Employee ID#</source>
        <translation>N.º de empleado</translation>
    </message>
    <message>
        <source>Memorandum of Understanding: Site Administrator</source>
        <translation>Memorando de entendimiento: administrador del plantel</translation>
    </message>
    <message>
        <source>I understand that as a Site Administrator my role in the Peer Assistance and Review (PAR) Program is to provide a positive climate and structure so that the Referred Teacher at my school, with the guidance of their PAR Mentor, is able to improve their instructional practice. In order to effectively support PAR Teachers and their Mentors, I must:</source>
        <translation>Entiendo que, como administrador del plantel, mi función en el Programa de Asistencia y Revisión entre Pares (PAR) es ofrecer un ambiente positivo y una estructura para que el docente remitido de mi escuela, con la orientación de su mentor PAR, pueda mejorar su práctica docente. Para apoyar de manera eficaz a los docentes participantes y a sus mentores, debo:</translation>
    </message>
    <message>
        <source>Complete the PAR Referral and meet with the PAR candidate to explain the reason(s) for referral and describe the benefits of participation in the program.</source>
        <translation>Completar la remisión a PAR y reunirme con el candidato a PAR para explicarle el motivo o los motivos de la remisión y describirle los beneficios de participar en el programa.</translation>
    </message>
    <message>
        <source>Bring the referred teacher&apos;s most recent appraisal to a meeting with Induction Program Staff and the assigned PAR Mentor to determine PAR Standards of Focus, review the PAR Portfolio, and clarify procedures and roles.</source>
        <translation>Llevar la evaluación más reciente del docente remitido a una reunión con el personal del programa de inducción y el mentor PAR asignado para determinar los estándares de enfoque de PAR, revisar el portafolio PAR y aclarar procedimientos y funciones.</translation>
    </message>
    <message>
        <source>Attend all scheduled triad meetings with the Referred Teacher and PAR Mentor, and schedule the initial triad meeting date when contacted by the PAR Mentor.</source>
        <translation>Asistir a todas las reuniones de la tríada programadas con el docente remitido y el mentor PAR, y fijar la fecha de la reunión inicial de la tríada cuando el mentor PAR me contacte.</translation>
    </message>
    <message>
        <source>Establish meeting norms and schedule the dates for the remaining triad meetings.</source>
        <translation>Establecer normas de reunión y fijar las fechas de las reuniones de la tríada que quedan.</translation>
    </message>
    <message>
        <source>Notify the Director of Induction if I am dissatisfied with the PAR Mentor assigned to the Referred Teacher.</source>
        <translation>Avisar al director de inducción si no estoy conforme con el mentor PAR asignado al docente remitido.</translation>
    </message>
    <message>
        <source>Review the Referred Teacher&apos;s electronic portfolio to monitor work that has been submitted.</source>
        <translation>Revisar el portafolio electrónico del docente remitido para dar seguimiento al trabajo entregado.</translation>
    </message>
    <message>
        <source>Participate in the progress-monitoring meetings and the final triad meeting to review the PAR Portfolio and the progress made.</source>
        <translation>Participar en las reuniones de seguimiento del progreso y en la reunión final de la tríada para revisar el portafolio PAR y el progreso logrado.</translation>
    </message>
    <message>
        <source>Complete district program surveys and evaluations as requested.</source>
        <translation>Completar las encuestas y evaluaciones del programa del distrito que se soliciten.</translation>
    </message>
    <message>
        <source>Memorandum of Understanding: PAR Mentor</source>
        <translation>Memorando de entendimiento: mentor PAR</translation>
    </message>
    <message>
        <source>I understand that serving as a Mentor in the Peer Assistance and Review (PAR) Program involves assisting teachers in improving their skills in one or more of the California Standards for the Teaching Profession (CSTP). To fulfill the role of a PAR Mentor, I must:</source>
        <translation>Entiendo que ser mentor en el Programa de Asistencia y Revisión entre Pares (PAR) implica ayudar a docentes a mejorar sus destrezas en uno o más de los Estándares de California para la Profesión Docente (CSTP). Para cumplir la función de mentor PAR, debo:</translation>
    </message>
    <message>
        <source>Meet with the site administrator to review my responsibilities and obtain information relevant to the support of the assigned Referred Teacher.</source>
        <translation>Reunirme con el administrador del plantel para repasar mis responsabilidades y obtener la información necesaria para apoyar al docente remitido asignado.</translation>
    </message>
    <message>
        <source>Keep everything the teacher shares confidential unless the teacher consents in writing.</source>
        <translation>Mantener confidencial todo lo que el docente comparta, salvo que el docente dé su consentimiento por escrito.</translation>
    </message>
    <message>
        <source>Contact the PAR Teacher within %1 of being paired.</source>
        <translation>Contactar al docente participante dentro de %1 tras la asignación.</translation>
    </message>
    <message>
        <source>Establish meeting norms (e.g., be on time, minimal interruptions, focus on topic, etc.) with the PAR Teacher.</source>
        <translation>Establecer normas de reunión (por ejemplo, llegar a tiempo, interrupciones mínimas, centrarse en el tema, etc.) con el docente participante.</translation>
    </message>
    <message>
        <source>Attend all scheduled triad meetings with the site administrator and Referred Teacher.</source>
        <translation>Asistir a todas las reuniones de la tríada programadas con el administrador del plantel y el docente remitido.</translation>
    </message>
    <message>
        <source>Attend the scheduled meetings with the teacher.</source>
        <translation>Asistir a las reuniones programadas con el docente.</translation>
    </message>
    <message>
        <source>Help the teacher use the PAR Standards of Focus to focus the work in PAR.</source>
        <translation>Ayudar al docente a usar los estándares de enfoque de PAR para orientar el trabajo en PAR.</translation>
    </message>
    <message>
        <source>Assist the teacher in collecting the evidence and artifacts that document the work to improve instructional practice.</source>
        <translation>Ayudar al docente a reunir la evidencia y los materiales que documentan el trabajo para mejorar la práctica docente.</translation>
    </message>
    <message>
        <source>Attend all Mentor network meetings and trainings.</source>
        <translation>Asistir a todas las reuniones y capacitaciones de la red de mentores.</translation>
    </message>
    <message>
        <source>Triad Meeting</source>
        <translation>Reunión de la tríada</translation>
    </message>
    <message>
        <source>PAR %1 Summary</source>
        <comment>a triad meeting&apos;s summary form</comment>
        <translation>Resumen PAR: %1</translation>
    </message>
    <message>
        <source>%1 Summary</source>
        <comment>a triad meeting&apos;s summary form</comment>
        <translation>Resumen: %1</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Reunión</translation>
    </message>
    <message>
        <source>The Site Administrator facilitates this meeting and discusses the items below.</source>
        <translation>El administrador del plantel dirige esta reunión y trata los puntos siguientes.</translation>
    </message>
    <message>
        <source>Agenda Items</source>
        <translation>Puntos del orden del día</translation>
    </message>
    <message>
        <source>The Site Administrator reviews the PAR Standards of Focus with the Referred Teacher and PAR Mentor to determine the focus of the work to be done in PAR.</source>
        <translation>El administrador del plantel repasa los estándares de enfoque de PAR con el docente remitido y el mentor PAR para determinar el enfoque del trabajo que se hará en PAR.</translation>
    </message>
    <message>
        <source>PAR Mentor introduces the Individualized Learning Plan (ILP) documents, explaining that the focus of the inquiries must align with the PAR Standards of Focus.</source>
        <translation>El mentor PAR presenta los documentos del Plan de Aprendizaje Individualizado (ILP) y explica que el enfoque de las indagaciones debe coincidir con los estándares de enfoque de PAR.</translation>
    </message>
    <message>
        <source>PAR Mentor reviews the required documents for the PAR Portfolio and the evaluative process.</source>
        <translation>El mentor PAR repasa los documentos requeridos para el portafolio PAR y el proceso de evaluación.</translation>
    </message>
    <message>
        <source>The Site Administrator clarifies the roles and responsibilities of each party (may refer to MOUs).</source>
        <translation>El administrador del plantel aclara las funciones y responsabilidades de cada parte (puede remitirse a los memorandos de entendimiento).</translation>
    </message>
    <message>
        <source>Meeting norms are established (e.g., be on time, minimal interruptions, focus on topic, etc.) for PAR.</source>
        <translation>Se establecen normas de reunión (por ejemplo, llegar a tiempo, interrupciones mínimas, centrarse en el tema, etc.) para PAR.</translation>
    </message>
    <message>
        <source>Dates are scheduled for the remaining triad meetings.</source>
        <translation>Se fijan las fechas de las reuniones de la tríada que quedan.</translation>
    </message>
    <message>
        <source>Meeting norms</source>
        <translation>Normas de reunión</translation>
    </message>
    <message>
        <source>Dates of Future Triad Meetings</source>
        <translation>Fechas de las próximas reuniones de la tríada</translation>
    </message>
    <message>
        <source>Review the work completed in the PAR Portfolio and discuss progress made.</source>
        <translation>Revisen el trabajo realizado en el portafolio PAR y conversen sobre el progreso logrado.</translation>
    </message>
    <message>
        <source>What progress has been made toward improving instructional practice in the area(s) identified on the PAR Standards of Focus?</source>
        <translation>¿Qué progreso se ha logrado en la mejora de la práctica docente en el área o las áreas señaladas en los estándares de enfoque de PAR?</translation>
    </message>
    <message>
        <source>Progress to Date</source>
        <translation>Progreso hasta la fecha</translation>
    </message>
    <message>
        <source>What additional support is needed?</source>
        <translation>¿Qué apoyo adicional se necesita?</translation>
    </message>
    <message>
        <source>Follow-Up Support Requested</source>
        <translation>Apoyo de seguimiento solicitado</translation>
    </message>
    <message>
        <source>Person(s) responsible for arranging and/or providing this support</source>
        <translation>Persona(s) responsable(s) de organizar o brindar este apoyo</translation>
    </message>
    <message>
        <source>Panel Deliberation Notes</source>
        <translation>Notas de deliberación del Panel</translation>
    </message>
    <message>
        <source>The discussions of the panel regarding the intervention are closed and confidential: these notes are read by the panel only, never by the teacher, the consulting teacher, the site administrator or the personnel file.</source>
        <translation>Las deliberaciones del Panel sobre la intervención son cerradas y confidenciales: estas notas solo las lee el Panel, nunca el docente, el docente consultor, el administrador del plantel ni el expediente personal.</translation>
    </message>
    <message>
        <source>Deliberation</source>
        <translation>Deliberación</translation>
    </message>
    <message>
        <source>PAR Panel Decision</source>
        <translation>Decisión del Panel PAR</translation>
    </message>
    <message>
        <source>After its review, based on the consulting teacher&apos;s report and the participant&apos;s response, the panel reports its decision to the participant and the district, with documented reasons.</source>
        <translation>Tras su revisión, con base en el informe del docente consultor y la respuesta del participante, el Panel comunica su decisión al participante y al distrito, con sus motivos documentados.</translation>
    </message>
    <message>
        <source>The panel reports that</source>
        <translation>El Panel informa que</translation>
    </message>
    <message>
        <source>Documented reasons</source>
        <translation>Motivos documentados</translation>
    </message>
    <message>
        <source>First choice</source>
        <translation>Primera opción</translation>
    </message>
    <message>
        <source>Second choice</source>
        <translation>Segunda opción</translation>
    </message>
    <message>
        <source>Third choice</source>
        <translation>Tercera opción</translation>
    </message>
    <message>
        <source>Choice %1</source>
        <translation>Opción %1</translation>
    </message>
    <message>
        <source>Consulting Teacher Preferences</source>
        <translation>Preferencias de docente consultor</translation>
    </message>
    <message>
        <source>Rank up to %1 consulting teachers from the program&apos;s list, your first choice first, and return the list to program staff within %2 of the referral. The panel selects a consulting teacher after considering your preferences; after the window it designates one. Only you, the director of induction and the panel read this list.</source>
        <translation>Ordene hasta %1 docentes consultores de la lista del programa, primero su primera opción, y entregue la lista al personal del programa en un plazo de %2 desde la remisión. El Panel elige un docente consultor después de considerar sus preferencias; vencido el plazo, designa uno. Solo usted, el director de inducción y el Panel leen esta lista.</translation>
    </message>
    <message>
        <source>The district&apos;s program staff designate the consulting teacher.</source>
        <translation>El personal del programa del distrito designa al docente consultor.</translation>
    </message>
    <message>
        <source>Your preferences</source>
        <translation>Sus preferencias</translation>
    </message>
    <message>
        <source>Anything the panel should know (optional)</source>
        <translation>Lo que el Panel deba saber (opcional)</translation>
    </message>
    <message>
        <source>Meeting Log</source>
        <translation>Registro de reuniones</translation>
    </message>
    <message>
        <source>Log each meeting at its conclusion, documenting the PAR work done. The district asks for a minimum of %1 each week and %2.</source>
        <translation>Registre cada reunión al terminar, documentando el trabajo de PAR realizado. El distrito pide como mínimo %1 por semana y %2.</translation>
    </message>
    <message>
        <source>Log each meeting at its conclusion, documenting the PAR work done. The district asks for a minimum of %1 each month and %2.</source>
        <translation>Registre cada reunión al terminar, documentando el trabajo de PAR realizado. El distrito pide como mínimo %1 al mes y %2.</translation>
    </message>
    <message>
        <source>Mentor–teacher meeting</source>
        <translation>Reunión de mentor y docente</translation>
    </message>
    <message>
        <source>Pre-observation conference</source>
        <translation>Conferencia previa a la observación</translation>
    </message>
    <message>
        <source>Post-observation conference</source>
        <translation>Conferencia posterior a la observación</translation>
    </message>
    <message>
        <source>Other contact</source>
        <translation>Otro contacto</translation>
    </message>
    <message>
        <source>Observation (for a conference)</source>
        <translation>Observación (para una conferencia)</translation>
    </message>
    <message>
        <source>Minutes</source>
        <comment>how long a meeting lasted</comment>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Counted against the consulting teacher&apos;s hours.</source>
        <translation>Se cuenta en las horas del docente consultor.</translation>
    </message>
    <message>
        <source>PAR work done</source>
        <translation>Trabajo de PAR realizado</translation>
    </message>
    <message>
        <source>Goals and assistance plan worked on</source>
        <translation>Objetivos y plan de asistencia trabajados</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>Próximos pasos</translation>
    </message>
    <message>
        <source>PAR Year-End Report</source>
        <translation>Informe PAR de fin de año</translation>
    </message>
    <message>
        <source>Mark the documents submitted for the panel&apos;s PAR portfolio review, then the site administration&apos;s determination.</source>
        <translation>Marque los documentos entregados para la revisión del portafolio PAR por el Panel y luego la determinación de la administración del plantel.</translation>
    </message>
    <message>
        <source>Discontinue PAR support</source>
        <translation>Terminar el apoyo de PAR</translation>
    </message>
    <message>
        <source>Extend PAR support</source>
        <translation>Extender el apoyo de PAR</translation>
    </message>
    <message>
        <source>Site-Administration Determination</source>
        <translation>Determinación de la administración del plantel</translation>
    </message>
    <message>
        <source>This district&apos;s PAR has no extension.</source>
        <translation>El programa PAR de este distrito no tiene extensión.</translation>
    </message>
    <message>
        <source>If extended</source>
        <translation>En caso de extensión</translation>
    </message>
    <message>
        <source>Standards of focus for the extended period submitted</source>
        <translation>Se entregaron los estándares de enfoque del periodo extendido</translation>
    </message>
    <message>
        <source>The teacher is willing to participate in the extended period</source>
        <translation>El docente está dispuesto a participar en el periodo extendido</translation>
    </message>
    <message>
        <source>The PAR panel finds: %1</source>
        <translation>El Panel PAR concluye: %1</translation>
    </message>
    <message>
        <source>Most recent appraisal</source>
        <translation>Evaluación más reciente</translation>
    </message>
    <message>
        <source>%1 (overall, most recent appraisal)</source>
        <translation>%1 (global, evaluación más reciente)</translation>
    </message>
    <message>
        <source>Summary of progress</source>
        <translation>Resumen del progreso</translation>
    </message>
    <message>
        <source>PAR Standards of Focus</source>
        <translation>Estándares de enfoque de PAR</translation>
    </message>
    <message>
        <source>Based on the Referred Teacher&apos;s Certificated Teacher Performance Appraisal, the Site Administrator checks the standards on which this teacher should focus the work in PAR. (May check overall standard(s) and/or specific elements.)</source>
        <translation>A partir de la evaluación del desempeño del docente remitido, el administrador del plantel marca los estándares en los que este docente debe enfocar el trabajo en PAR. (Puede marcar estándares completos o elementos concretos.)</translation>
    </message>
    <message>
        <source>The PAR Mentor and the teacher choose the standards on which the work in PAR focuses. (May check overall standard(s) and/or specific elements.)</source>
        <translation>El mentor PAR y el docente eligen los estándares en los que se enfoca el trabajo en PAR. (Puede marcar estándares completos o elementos concretos.)</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>No elegible</translation>
    </message>
    <message>
        <source>Voluntary participation encouraged, not mandated</source>
        <translation>Se recomienda la participación voluntaria, no es obligatoria</translation>
    </message>
    <message>
        <source>Eligible for referral</source>
        <translation>Elegible para remisión</translation>
    </message>
    <message>
        <source>Participation required</source>
        <translation>Participación obligatoria</translation>
    </message>
    <message>
        <source>no standards</source>
        <translation>ningún estándar</translation>
    </message>
    <message>
        <source>standard %1</source>
        <translation>estándar %1</translation>
    </message>
    <message>
        <source>standards %1-%2</source>
        <translation>estándares %1-%2</translation>
    </message>
    <message>
        <source>standards %1</source>
        <comment>a list of standard numbers: standards 1, 2 and 5</comment>
        <translation>estándares %1</translation>
    </message>
    <message>
        <source>overall &quot;%1&quot; on %2 of %3 (at least %4 required)</source>
        <translation>&quot;%1&quot; global en %2 de: %3 (se requiere al menos %4)</translation>
    </message>
    <message>
        <source>An overall &quot;%1&quot; on %2 does not count toward this rule.</source>
        <translation>Un &quot;%1&quot; global en %2 no cuenta para esta regla.</translation>
    </message>
    <message>
        <source>standard %1 (%2)</source>
        <comment>a standard and its elements</comment>
        <translation>estándar %1 (%2)</translation>
    </message>
    <message>
        <source>at least %1 %2 element ratings</source>
        <translation>al menos %1 elementos calificados &quot;%2&quot;</translation>
    </message>
    <message>
        <source>every element rated %1</source>
        <translation>todos los elementos calificados &quot;%1&quot;</translation>
    </message>
    <message>
        <source>all %1</source>
        <comment>all 3 required</comment>
        <translation>los %1</translation>
    </message>
    <message>
        <source>%1 of %2 with %3 (%4 required)</source>
        <translation>%1 de: %2, con %3 (se requieren: %4)</translation>
    </message>
    <message>
        <source>Ignored a rating for %1, which is not an element of the catalogue.</source>
        <translation>Se ignoró una calificación de %1, que no es un elemento del catálogo.</translation>
    </message>
    <message>
        <source>Ignored an overall rating for standard %1, which is not in the catalogue.</source>
        <translation>Se ignoró una calificación global del estándar %1, que no está en el catálogo.</translation>
    </message>
    <message>
        <source>Not counted: the overall ratings of standards given (%1); this rule counts no ratings.</source>
        <translation>No se cuentan: las calificaciones globales de estándares dadas (%1); esta regla no cuenta calificaciones.</translation>
    </message>
    <message>
        <source>Not counted: the ratings of elements given (%1); this rule counts the overall ratings of standards.</source>
        <translation>No se cuentan: las calificaciones de elementos dadas (%1); esta regla cuenta las calificaciones globales de los estándares.</translation>
    </message>
    <message>
        <source>Not counted: the ratings of elements given (%1); this rule counts no ratings.</source>
        <translation>No se cuentan: las calificaciones de elementos dadas (%1); esta regla no cuenta calificaciones.</translation>
    </message>
    <message>
        <source>Not eligible: only teachers with permanent (tenured) status can be referred, and this teacher does not have permanent status.</source>
        <translation>No elegible: solo se puede remitir a docentes con estatus permanente (titularidad), y este docente no lo tiene.</translation>
    </message>
    <message>
        <source>Not eligible: referral requires at least %1 years taught in the district, and this teacher has %2.</source>
        <translation>No elegible: la remisión requiere al menos %1 años de docencia en el distrito, y este docente tiene %2.</translation>
    </message>
    <message>
        <source>Not eligible: no referral criterion is met.</source>
        <translation>No elegible: no se cumple ningún criterio de remisión.</translation>
    </message>
    <message>
        <source>Not met: %1</source>
        <translation>No se cumple: %1</translation>
    </message>
    <message>
        <source>Extension allowed</source>
        <translation>Extensión permitida</translation>
    </message>
    <message>
        <source>Extension not allowed</source>
        <translation>Extensión no permitida</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>1 mes</translation>
    </message>
    <message>
        <source>1 semester</source>
        <translation>1 semestre</translation>
    </message>
    <message>
        <source>%1 semesters</source>
        <comment>a period: 3 semesters</comment>
        <translation>%1 semestres</translation>
    </message>
    <message>
        <source>1 school year</source>
        <translation>1 año escolar</translation>
    </message>
    <message>
        <source>%1 school years</source>
        <comment>a period: 2 school years</comment>
        <translation>%1 años escolares</translation>
    </message>
    <message>
        <source>the program cap of %1: %2 in PAR so far and an extension of %3 make %4.</source>
        <translation>el límite del programa de %1: %2 en PAR hasta ahora y una extensión de %3 suman %4.</translation>
    </message>
    <message>
        <source>the program cap of %1: %2 in PAR so far and an extension of %3 would make %4, past the cap.</source>
        <translation>el límite del programa de %1: %2 en PAR hasta ahora y una extensión de %3 sumarían %4, más allá del límite.</translation>
    </message>
    <message>
        <source>the program cap of %1: in PAR since %2; an extension of %3 from the determination on %4 would end on %5, by the end of the cap on %6.</source>
        <translation>el límite del programa de %1: en PAR desde el %2; una extensión de %3 desde la determinación del %4 terminaría el %5, dentro del límite, que vence el %6.</translation>
    </message>
    <message>
        <source>the program cap of %1: in PAR since %2; an extension of %3 from the determination on %4 would end on %5, after the end of the cap on %6.</source>
        <translation>el límite del programa de %1: en PAR desde el %2; una extensión de %3 desde la determinación del %4 terminaría el %5, después del fin del límite el %6.</translation>
    </message>
    <message>
        <source>the program cap of %1: the time already in PAR is not given.</source>
        <translation>el límite del programa de %1: no se indica el tiempo ya transcurrido en PAR.</translation>
    </message>
    <message>
        <source>Met: %1</source>
        <translation>Se cumple: %1</translation>
    </message>
    <message>
        <source>Not allowed: the policy of %1 (%2) has no &quot;extension&quot; section, so it allows no extension of PAR participation.</source>
        <translation>No permitida: la política de %1 (%2) no tiene sección &quot;extension&quot;, así que no permite extender la participación en PAR.</translation>
    </message>
    <message>
        <source>Not allowed: the policy of %1 (%2) provides no extension of PAR participation.</source>
        <translation>No permitida: la política de %1 (%2) no prevé extender la participación en PAR.</translation>
    </message>
    <message>
        <source>at least one rating criterion on the most recent appraisal.</source>
        <translation>al menos un criterio de calificación en la evaluación más reciente.</translation>
    </message>
    <message>
        <source>the panel&apos;s finding that %1 is not given.</source>
        <translation>no consta la conclusión del Panel de que %1.</translation>
    </message>
    <message>
        <source>the panel finds that %1.</source>
        <translation>el Panel concluye que %1.</translation>
    </message>
    <message>
        <source>the panel does not find that %1.</source>
        <translation>el Panel no concluye que %1.</translation>
    </message>
    <message>
        <source>the program has no cap on time in PAR.</source>
        <translation>el programa no tiene límite de tiempo en PAR.</translation>
    </message>
    <message>
        <source>the teacher&apos;s willingness to participate in the extension is required and not given.</source>
        <translation>se requiere la disposición del docente a participar en la extensión y no consta.</translation>
    </message>
    <message>
        <source>the teacher is willing to participate in the extension (required).</source>
        <translation>el docente está dispuesto a participar en la extensión (requisito).</translation>
    </message>
    <message>
        <source>the teacher is not willing to participate in the extension (required).</source>
        <translation>el docente no está dispuesto a participar en la extensión (requisito).</translation>
    </message>
    <message>
        <source>The teacher&apos;s willingness is not a condition of extension in this policy.</source>
        <translation>La disposición del docente no es condición de la extensión en esta política.</translation>
    </message>
    <message>
        <source>Kept outside Triad: check it on the year-end report</source>
        <translation>Se guarda fuera de Triad: márquelo en el informe de fin de año</translation>
    </message>
    <message>
        <source>Complete</source>
        <comment>a portfolio document</comment>
        <translation>Completo</translation>
    </message>
    <message>
        <source>%1 of %2 complete</source>
        <translation>%1 de %2 completos</translation>
    </message>
    <message>
        <source>Not complete yet</source>
        <translation>Aún no está completo</translation>
    </message>
    <message>
        <source>Not filed yet</source>
        <translation>Aún no se ha archivado</translation>
    </message>
    <message>
        <source>No pre-observation conference logged</source>
        <translation>No hay conferencia previa a la observación registrada</translation>
    </message>
    <message>
        <source>Pre-observation conference %1</source>
        <translation>Conferencia previa a la observación: %1</translation>
    </message>
    <message>
        <source>no post-observation conference logged yet</source>
        <translation>aún no hay conferencia posterior a la observación registrada</translation>
    </message>
    <message>
        <source>post-observation conference %1</source>
        <translation>conferencia posterior a la observación: %1</translation>
    </message>
    <message>
        <source>Priority %1: %2</source>
        <translation>Prioridad %1: %2</translation>
    </message>
    <message>
        <source>Longest waiting first (the district sets no priority order)</source>
        <translation>Primero quien más tiempo lleva esperando (el distrito no fija un orden de prioridad)</translation>
    </message>
    <message>
        <source>After every kind the district&apos;s priority order lists (%1)</source>
        <translation>Después de todos los tipos que enumera el orden de prioridad del distrito (%1)</translation>
    </message>
    <message>
        <source>Signed by all</source>
        <translation>Firmado por todos</translation>
    </message>
    <message>
        <source>Signatures do not count: %1</source>
        <translation>Las firmas no cuentan: %1</translation>
    </message>
    <message>
        <source>Signed by %1 of %2</source>
        <translation>Firmado por %1 de %2</translation>
    </message>
    <message>
        <source>Report %1 (version %2)</source>
        <translation>Informe %1 (versión %2)</translation>
    </message>
    <message>
        <source>Report %1</source>
        <translation>Informe %1</translation>
    </message>
    <message>
        <source>Issued · signed by the teacher</source>
        <translation>Emitido · firmado por el docente</translation>
    </message>
    <message>
        <source>Issued · awaiting the teacher&apos;s signature</source>
        <translation>Emitido · pendiente de la firma del docente</translation>
    </message>
    <message>
        <source>Formal observation in %1</source>
        <translation>Observación formal en el %1</translation>
    </message>
    <message>
        <source>Informal observation in %1</source>
        <translation>Observación informal en el %1</translation>
    </message>
    <message>
        <source>The teacher&apos;s written response</source>
        <translation>La respuesta escrita del docente</translation>
    </message>
    <message>
        <source>Submitted</source>
        <comment>a teacher&apos;s response in the portfolio</comment>
        <translation>Entregada</translation>
    </message>
    <message>
        <source>a date (YYYY-MM-DD)</source>
        <translation>una fecha (AAAA-MM-DD)</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un número entero</translation>
    </message>
    <message>
        <source>one line</source>
        <translation>una sola línea</translation>
    </message>
    <message>
        <source>Complete a weekly electronic log at the conclusion of meetings with the teacher, documenting the PAR work I&apos;ve helped the teacher to complete.</source>
        <translation>Completar un registro electrónico semanal al final de las reuniones con el docente, documentando el trabajo de PAR que he ayudado al docente a realizar.</translation>
    </message>
    <message>
        <source>Complete a monthly electronic log at the conclusion of meetings with the teacher, documenting the PAR work I&apos;ve helped the teacher to complete.</source>
        <translation>Completar un registro electrónico mensual al final de las reuniones con el docente, documentando el trabajo de PAR que he ayudado al docente a realizar.</translation>
    </message>
    <message>
        <source>Complete a daily electronic log at the conclusion of meetings with the teacher, documenting the PAR work I&apos;ve helped the teacher to complete.</source>
        <translation>Completar un registro electrónico diario al final de las reuniones con el docente, documentando el trabajo de PAR que he ayudado al docente a realizar.</translation>
    </message>
    <message>
        <source>Complete an electronic log every %1 at the conclusion of meetings with the teacher, documenting the PAR work I&apos;ve helped the teacher to complete.</source>
        <translation>Completar un registro electrónico cada %1 al final de las reuniones con el docente, documentando el trabajo de PAR que he ayudado al docente a realizar.</translation>
    </message>
    <message>
        <source>referred participation</source>
        <translation>participación por remisión</translation>
    </message>
    <message>
        <source>volunteer participation</source>
        <translation>participación voluntaria</translation>
    </message>
    <message>
        <source>beginning-teacher (induction) participation</source>
        <translation>participación de docente principiante (inducción)</translation>
    </message>
    <message>
        <source>intern participation</source>
        <translation>participación de docente pasante</translation>
    </message>
    <message>
        <source>the first period of PAR (%1): the time already in PAR is not given.</source>
        <translation>el primer periodo de PAR (%1): no se indica el tiempo ya transcurrido en PAR.</translation>
    </message>
    <message>
        <source>standard %1 (overall &quot;%2&quot;)</source>
        <comment>a standard rated unsatisfactory as a whole</comment>
        <translation>estándar %1 (global &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>at least 1 %1 rating</source>
        <translation>al menos 1 calificación &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Not rated in this input: %1, counted as not rated &quot;%2&quot;. Check the appraisal: every standard is rated on it.</source>
        <translation>Sin calificación en estos datos: %1, contados como no calificados &quot;%2&quot;. Revise la evaluación: en ella se califica cada estándar.</translation>
    </message>
    <message>
        <source>Also met, but &quot;%1&quot; applies: %2</source>
        <translation>También se cumple, pero rige &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>%1 in PAR so far</source>
        <translation>%1 en PAR hasta ahora</translation>
    </message>
    <message>
        <source>%1 in PAR, from %2 to the determination on %3</source>
        <translation>%1 en PAR, del %2 a la determinación del %3</translation>
    </message>
    <message>
        <source>the program cap of %1: %2 and an extension of %3 make %4.</source>
        <translation>el límite del programa de %1: %2 y una extensión de %3 suman %4.</translation>
    </message>
    <message>
        <source>the program cap of %1: %2 and an extension of %3 would make %4, past the cap.</source>
        <translation>el límite del programa de %1: %2 y una extensión de %3 sumarían %4, más allá del límite.</translation>
    </message>
    <message>
        <source>the first period of PAR (%1) is complete: %2.</source>
        <translation>el primer periodo de PAR (%1) está completo: %2.</translation>
    </message>
    <message>
        <source>an extension is decided at the end of the first period of PAR (%1), and %2 does not complete it.</source>
        <translation>una extensión se decide al final del primer periodo de PAR (%1), y %2 no lo completa.</translation>
    </message>
    <message>
        <source>the determination on %1 is at the end of a school year (April to June), where an extension of %2 is decided.</source>
        <translation>la determinación del %1 es al final de un año escolar (de abril a junio), cuando se decide una extensión de %2.</translation>
    </message>
    <message>
        <source>an extension of %1 is decided at the end of a school year (April to June), and the determination on %2 is not.</source>
        <translation>una extensión de %1 se decide al final de un año escolar (de abril a junio), y la determinación del %2 no lo es.</translation>
    </message>
    <message>
        <source>This teacher may still ask for PAR support as a volunteer: the district&apos;s policy accepts volunteers.</source>
        <translation>Este docente aún puede pedir el apoyo de PAR como voluntario: la política del distrito acepta voluntarios.</translation>
    </message>
    <message>
        <source>End volunteer support within the district&apos;s limit of %1 for volunteers</source>
        <translation>Terminar el apoyo al voluntario dentro del límite del distrito de %1 para voluntarios</translation>
    </message>
    <message>
        <source>%1 in PAR so far (%2, counted from the first day of school)</source>
        <translation>%1 en PAR hasta ahora (%2, contados desde el primer día de clases)</translation>
    </message>
    <message>
        <source>%1 in PAR, from %2 to the determination on %3 (the school days of %4 semesters)</source>
        <translation>%1 en PAR, del %2 a la determinación del %3 (los días lectivos de %4 semestres)</translation>
    </message>
    <message>
        <source>(standard %1)</source>
        <comment>elements 4.4, 4.5 (standard 4)</comment>
        <translation>(estándar %1)</translation>
    </message>
    <message>
        <source>Check the appraisal: standard %1 is rated &quot;%2&quot; overall, but none of its elements rated here is.</source>
        <translation>Revise la evaluación: el estándar %1 tiene la calificación global &quot;%2&quot;, pero ninguno de sus elementos calificados aquí la tiene.</translation>
    </message>
    <message>
        <source>Check the appraisal: standard %1 is not rated &quot;%2&quot; overall, but its elements %3 are.</source>
        <translation>Revise la evaluación: el estándar %1 no tiene la calificación global &quot;%2&quot;, pero sus elementos %3 sí.</translation>
    </message>
    <message>
        <source>Standard %1 is rated overall and by its elements: its elements&apos; ratings are counted, and the overall rating is not added to them.</source>
        <translation>El estándar %1 tiene calificación global y por elementos: se cuentan las calificaciones de sus elementos y la global no se suma a ellas.</translation>
    </message>
    <message>
        <source>Not rated in this input: element %1, whose standard&apos;s other elements are rated; counted as not rated &quot;%2&quot; (a profile of every element needs each one).</source>
        <translation>Sin calificación en estos datos: el elemento %1, cuyos otros elementos del estándar están calificados; se cuenta como no calificado &quot;%2&quot; (un perfil de todos los elementos necesita cada uno).</translation>
    </message>
    <message>
        <source>Not rated in this input: elements %1, whose standards&apos; other elements are rated; counted as not rated &quot;%2&quot; (a profile of every element needs each one).</source>
        <translation>Sin calificación en estos datos: los elementos %1, cuyos otros elementos de sus estándares están calificados; se cuentan como no calificados &quot;%2&quot; (un perfil de todos los elementos necesita cada uno).</translation>
    </message>
    <message>
        <source>This teacher may still ask for PAR support as a volunteer: the district&apos;s policy serves &quot;%1&quot;.</source>
        <translation>Este docente aún puede pedir el apoyo de PAR como voluntario: la política del distrito atiende a &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>This teacher may still ask for PAR support without permanent status: the district&apos;s policy serves &quot;%1&quot;.</source>
        <translation>Este docente aún puede pedir el apoyo de PAR sin tener estatus permanente: la política del distrito atiende a &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Participation year</source>
        <translation>Año de participación</translation>
    </message>
    <message>
        <source>Scheduled for %1 · held on %2; its summary is not yet signed by all three</source>
        <translation>Programada para el %1 · celebrada el %2; su resumen aún no lo han firmado los tres</translation>
    </message>
    <message>
        <source>Semester %1</source>
        <comment>an extended case&apos;s semester: Semester 3</comment>
        <translation>Semestre %1</translation>
    </message>
    <message>
        <source>Semesters %1–%2</source>
        <comment>an extended case&apos;s semesters: Semesters 3–4</comment>
        <translation>Semestres %1–%2</translation>
    </message>
    <message>
        <source>Extended period</source>
        <comment>a case&apos;s participation past its first period, counted in months</comment>
        <translation>Periodo extendido</translation>
    </message>
    <message>
        <source>Year %1</source>
        <comment>a case&apos;s participation year: Year 2</comment>
        <translation>Año %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a deadline of a case&apos;s extended year: Year 2: Week of …</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a form of a case&apos;s extended year: Year 2 PAR Standards of Focus, Semester 3 PAR Standards of Focus</comment>
        <translation>%2 (%1)</translation>
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
    <name>ReferTeacherDialog</name>
    <message>
        <source>Refer a teacher to PAR</source>
        <translation>Remitir a un docente a PAR</translation>
    </message>
    <message>
        <source>The referral form comes next: the latest appraisal&apos;s ratings, the district&apos;s eligibility rule and the two signatures.</source>
        <translation>A continuación viene el formulario de remisión: las calificaciones de la última evaluación, la regla de elegibilidad del distrito y las dos firmas.</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Docente</translation>
    </message>
    <message>
        <source>Choose a certified teacher</source>
        <translation>Elija un docente certificado</translation>
    </message>
    <message>
        <source>Teacher to refer</source>
        <translation>Docente que se remite</translation>
    </message>
    <message>
        <source>No certified teacher is in this device&apos;s key directory yet. It arrives when the device syncs.</source>
        <translation>Aún no hay ningún docente certificado en el directorio de claves de este dispositivo. Llega cuando el dispositivo se sincroniza.</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Escuela</translation>
    </message>
    <message>
        <source>Grade or subject</source>
        <translation>Grado o materia</translation>
    </message>
    <message>
        <source>e.g. Grade 4, or Biology</source>
        <translation>p. ej., 4.º grado o Biología</translation>
    </message>
    <message>
        <source>District policy</source>
        <translation>Política del distrito</translation>
    </message>
    <message>
        <source>District policy the referral runs under</source>
        <translation>Política del distrito que rige la remisión</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Open the referral</source>
        <translation>Abrir la remisión</translation>
    </message>
    <message>
        <source>Your district has adopted no policy this version of Triad knows. Update Triad, or ask district IT.</source>
        <translation>Su distrito no ha adoptado ninguna política que esta versión de Triad conozca. Actualice Triad o consulte al personal de TI del distrito.</translation>
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
    <message>
        <source>PAR cases</source>
        <translation>Casos PAR</translation>
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
    <message>
        <source>Refer a teacher</source>
        <translation>Remitir a un docente</translation>
    </message>
    <message>
        <source>Refer a teacher to PAR</source>
        <translation>Remitir a un docente a PAR</translation>
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
    <message>
        <source>%1 (%2 of %3 members)</source>
        <translation>%1 (%2 de %3 miembros)</translation>
    </message>
    <message>
        <source>Meeting logs (%1)</source>
        <translation>Registros de reuniones (%1)</translation>
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
    <message>
        <source>I understand the reason for referral to the Peer Assistance and Review (PAR) program.</source>
        <translation>Entiendo el motivo de la remisión al programa de Asistencia y Revisión entre Pares (PAR).</translation>
    </message>
    <message>
        <source>I completed this PAR referral and met with the teacher to explain the reason(s) for referral.</source>
        <translation>Completé esta remisión a PAR y me reuní con el docente para explicarle el motivo o los motivos de la remisión.</translation>
    </message>
    <message>
        <source>I have read this Memorandum of Understanding and I will keep its commitments.</source>
        <translation>He leído este memorando de entendimiento y cumpliré sus compromisos.</translation>
    </message>
    <message>
        <source>These are the standards on which this teacher will focus the work in PAR.</source>
        <translation>Estos son los estándares en los que este docente enfocará el trabajo en PAR.</translation>
    </message>
    <message>
        <source>I took part in this triad meeting; this summary records it.</source>
        <translation>Participé en esta reunión de la tríada; este resumen la registra.</translation>
    </message>
    <message>
        <source>This log records our meeting.</source>
        <translation>Este registro deja constancia de nuestra reunión.</translation>
    </message>
    <message>
        <source>I received this year-end report. Signing does not mean I agree with it.</source>
        <translation>Recibí este informe de fin de año. Firmar no significa que esté de acuerdo con él.</translation>
    </message>
    <message>
        <source>I have reviewed this year-end report and its determination.</source>
        <translation>He revisado este informe de fin de año y su determinación.</translation>
    </message>
    <message>
        <source>These notes record the panel&apos;s deliberation.</source>
        <translation>Estas notas registran la deliberación del Panel.</translation>
    </message>
    <message>
        <source>This is the panel&apos;s decision, with its reasons, after its review of the case.</source>
        <translation>Esta es la decisión del Panel, con sus motivos, tras revisar el caso.</translation>
    </message>
    <message>
        <source>These are the consulting teachers I would prefer to work with, in order.</source>
        <translation>Estos son, en orden, los docentes consultores con quienes preferiría trabajar.</translation>
    </message>
    <message>
        <source>I sign this form.</source>
        <translation>Firmo este formulario.</translation>
    </message>
    <message numerus="yes">
        <source>%n more member(s) of the PAR panel (its decisions take %1 members&apos; signatures)</source>
        <translation>
            <numerusform>falta %n miembro más del panel PAR (sus decisiones requieren las firmas de %1 miembros)</numerusform>
            <numerusform>faltan %n miembros más del panel PAR (sus decisiones requieren las firmas de %1 miembros)</numerusform>
        </translation>
    </message>
    <message>
        <source>The participating teacher has not agreed to receive and sign PAR records electronically. Read the agreement above: ticking it signs it with these same keys before this form, or ask for paper copies. Nothing was signed.</source>
        <translation>El docente participante no ha aceptado recibir y firmar los registros de PAR electrónicamente. Lea el acuerdo de arriba: al marcarlo, lo firma con estas mismas claves antes de este formulario; o pida copias en papel. No se firmó nada.</translation>
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
    <message>
        <source>%1 (already in PAR at %2)</source>
        <translation>%1 (ya está en PAR en %2)</translation>
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
    <message>
        <source>The panel&apos;s evaluation of the program and its recommendations were due by %1.</source>
        <translation>La evaluación del programa por el panel y sus recomendaciones debían entregarse a más tardar el %1.</translation>
    </message>
    <message>
        <source>The panel&apos;s evaluation of the program and its recommendations are due by %1.</source>
        <translation>La evaluación del programa por el panel y sus recomendaciones deben entregarse a más tardar el %1.</translation>
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
