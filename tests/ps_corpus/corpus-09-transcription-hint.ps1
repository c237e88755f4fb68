# Build the transcription hint for the sales line from the product catalogue export: distinct product names, cleaned.
param(
    [string]$Catalogue = 'SKU-104:Realtime Gateway; SKU-221:Voice Relay ;SKU-104:Realtime Gateway;SKU-318:Call Router;sku-221:voice relay;legacy-9:Fax Bridge',
    [ValidateSet('English', 'German', 'French')]
    [string]$Language = 'English'
)

$Entries = $Catalogue -split '\s*;\s*'
Write-Output "entries: $($Entries.Count)"
$Products = $Entries | Where-Object { $_.ToUpper().StartsWith('SKU-') } | ForEach-Object { $_.Split(':')[1].Trim() }
# Select-Object -Unique is case-sensitive (4 names), Sort-Object -Unique ignores case (3 names)
$AsWritten = $Products | Select-Object -Unique
$IgnoringCase = $Products | Sort-Object -Unique
Write-Output "catalogue products: $($Products.Count), distinct as written: $($AsWritten.Count), distinct ignoring case: $($IgnoringCase.Count)"

# -match and -replace ignore case: '^sku-' matches "SKU-104"
$Codes = ($Entries -match '^sku-') -replace '^sku-(\d+):.*$', '#$1' | Select-Object -Unique
Write-Output "codes: $($Codes -join ' ')"
$Legacy = $Entries | Where-Object { -not $_.ToUpper().StartsWith('SKU-') }
Write-Warning "skipping $Legacy"

$Hint = ($IgnoringCase | ForEach-Object { $_.ToLower() }) -join ', '
Write-Output "hint starts: $($Hint.Substring(0, 11))"
$Transcription = Initialize-RealtimeSessionInputAudioTranscription -Model 'whisper-1'
$Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview' -InputAudioTranscription $Transcription `
    -Instructions "Answer in $Language. Product names: $Hint."
$Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request
Write-Output "transcription: $($Session.input_audio_transcription.model)"
