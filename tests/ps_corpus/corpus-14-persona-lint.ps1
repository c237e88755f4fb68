# Lint the help line's persona prompt before it ships: squeeze whitespace, expand product tokens, cap the length.
param(
    [ValidateRange(40, 400)]
    [int]$MaxLength = 120
)

$PromptPath = Join-Path ([System.IO.Path]::GetTempPath()) 'psopenapi-corpus-14-persona.txt'
"  You are Aria, the  ACME   help line.`nAlways name the product: [[router]] or [[gateway]]." | Out-File -FilePath $PromptPath
$Lines = Get-Content -Path $PromptPath
Write-Output "lines in file: $($Lines.Count)"

$Raw = Get-Content -Path $PromptPath -Raw
$Clean = $Raw.Trim() -replace '\s+', ' '
$TokenCount = ($Clean -split '\[\[').Count - 1
$Expanded = $Clean -replace '\[\[(\w+)\]\]', 'the ACME $1'
Write-Output "tokens: $TokenCount"
Write-Output "text: $Expanded"
# .Replace() is an exact, case-sensitive method; -replace ignores case
Write-Output "method replace changed it: $($Expanded.Replace('aria', 'Nova') -cne $Expanded)"
Write-Output "operator replace changed it: $(($Expanded -replace 'aria', 'Nova') -cne $Expanded)"

$Final = if ($Expanded.Length -gt $MaxLength) { $Expanded.Substring(0, $MaxLength) } else { $Expanded }
Write-Output "length: $($Final.Length) of $MaxLength, starts well: $($Final.StartsWith('You are'))"
$Session = Initialize-RealtimeSessionCreateRequestGA -Model 'gpt-realtime' -Instructions $Final -OutputModalities 'audio'
$Secret = New-RealtimeClientSecret -RealtimeCreateClientSecretRequest (Initialize-RealtimeCreateClientSecretRequest -Session $Session)
Write-Output "kept: $($Secret.session.instructions -ceq $Final)"
Remove-Item -Path $PromptPath
