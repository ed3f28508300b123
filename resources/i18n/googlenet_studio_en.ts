<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>CheckpointController</name>
    <message>
        <source>Opening {0}…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your last run is open again: {0}. Start resumes it; Train &gt; New Run starts afresh.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opened {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ClassifyPanel</name>
    <message>
        <source>Classify all again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every image on the list again, with the weights chosen now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weights: {0}, not trained yet, so the answers are random: start training, or open a checkpoint.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>These weights know %n class(es), and answer with one of them whatever the image shows: {0}</source>
        <translation>
            <numerusform>These weights know 1 class, and answer with one of them whatever the image shows: {0}</numerusform>
            <numerusform>These weights know %n classes, and answer with one of them whatever the image shows: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoreLoader</name>
    <message>
        <source>Loading PyTorch ({0:.0f} s; the first start after installing takes longest). Settings and the Shapes tab work meanwhile.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PyTorch could not be loaded: {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DatasetController</name>
    <message>
        <source>Choose a folder with one sub-folder per class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Found in {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not on this computer (looked in {0}): download it, or choose the folder that holds it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Download failed: {0}. Put the dataset's files in {1} yourself, or choose another dataset.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Closing as soon as PyTorch has loaded…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Closing: {0} ({1:.0f} s so far). Close again to quit at once.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quit now?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training is finishing its current step before it saves last.pt. Quit now, giving up the work since the last checkpoint? Every checkpoint already saved stays whole.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>estimating…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>saved {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paused at {0}; Resume continues</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Finished %n epoch(s) in {0:.0f} s; best validation accuracy {1}</source>
        <translation>
            <numerusform>Finished 1 epoch in {0:.0f} s; best validation accuracy {1}</numerusform>
            <numerusform>Finished %n epochs in {0:.0f} s; best validation accuracy {1}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Show where it breaks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Input size {0} is too small: the network halves the image five times and needs at least {1} x {1} pixels.</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>